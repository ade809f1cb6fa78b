package dev.bakery.platform;

import java.util.List;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The spans a test looks at, recorded in memory, every trace of them (the platform's own
 * sampler, which takes some new traces only, is tested on its own). A test that looks at
 * spans turns tracing on ({@code @AutoConfigureTracing}: Boot's test support turns its
 * export off, and the propagation of traces with it) and the export to Zipkin off
 * ({@code management.tracing.export.zipkin.enabled=false}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedSpans {

	@Bean
	InMemorySpanExporter recordedSpans() {
		return InMemorySpanExporter.create();
	}

	@Bean
	@Primary
	Sampler everyTrace() {
		return Sampler.alwaysOn();
	}

	/** The recorded spans of a trace. */
	public static List<SpanData> ofTrace(InMemorySpanExporter spans, String traceId) {
		return spans.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

}
