package dev.bakery.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One trace per order. Spring Boot traces the HTTP requests and, with
 * {@code spring.kafka.*.observation-enabled} (bakery-platform.yml), every send and every
 * record received; the platform carries the trace where they cannot see it
 * ({@link Traceparents}) and decides which traces are recorded ({@link NewTraces}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingSettings.class)
public class TracingConfiguration {

	/** Instead of Boot's probability sampler (the platform comes before it). */
	@Bean
	Sampler newTracesSampler(TracingSettings settings) {
		return Sampler.parentBased(new NewTraces(settings.tracesPerSecond()));
	}

	@Bean
	Traceparents traceparents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new Traceparents(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

}
