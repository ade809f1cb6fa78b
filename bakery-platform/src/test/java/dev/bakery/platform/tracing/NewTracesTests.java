package dev.bakery.platform.tracing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewTracesTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final AtomicLong nanoTime = new AtomicLong(5_000_000_000L);

	private final NewTraces sampler = new NewTraces(3, this.nanoTime::get);

	@Test
	void recordsAtMostSoManyNewTracesASecond() {
		assertThat(decisions("http post", 5)).containsExactly(SamplingDecision.RECORD_AND_SAMPLE,
				SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.DROP,
				SamplingDecision.DROP);

		this.nanoTime.addAndGet(999_000_000L);
		assertThat(decisions("http post", 1)).as("the same second").containsExactly(SamplingDecision.DROP);

		this.nanoTime.addAndGet(1_000_000L);
		assertThat(decisions("http post", 4)).as("the next second")
			.containsExactly(SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.RECORD_AND_SAMPLE,
					SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.DROP);
	}

	@Test
	void beginsNoTraceWithARequestThatOnlyReads() {
		assertThat(decisions("http get", 1)).containsExactly(SamplingDecision.DROP);
		assertThat(decisions("http head /orders/{orderId}", 1)).containsExactly(SamplingDecision.DROP);
		assertThat(decisions("http post /orders", 1)).containsExactly(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(this.sampler
			.shouldSample(Context.root(), TRACE, "http get", SpanKind.CLIENT, Attributes.empty(), List.of())
			.getDecision()).as("a request this instance sends").isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	private List<SamplingDecision> decisions(String name, int spans) {
		return java.util.stream.IntStream.range(0, spans)
			.mapToObj((span) -> this.sampler
				.shouldSample(Context.root(), TRACE, name, SpanKind.SERVER, Attributes.empty(), List.of())
				.getDecision())
			.toList();
	}

}
