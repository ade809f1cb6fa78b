package dev.bakery.platform.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the bakery's work is traced, under {@code bakery.tracing.*}.
 *
 * @param tracesPerSecond how many new traces one instance records a second at most (a
 * trace a caller began follows the caller's decision); 0 records only those
 */
@ConfigurationProperties("bakery.tracing")
public record TracingSettings(@DefaultValue("10") int tracesPerSecond) {

	public TracingSettings {
		if (tracesPerSecond < 0) {
			throw new IllegalArgumentException(
					"bakery.tracing.traces-per-second must be 0 or more, not " + tracesPerSecond);
		}
	}

}
