package dev.bakery.platform;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every department shares, under {@code bakery.*}, checked when the department
 * starts: a value out of range stops it with a message that names the setting.
 *
 * @param instanceId names this running instance in the events it emits, so a learner can
 * see which member of a consumer group did the work
 * @param partitions how many partitions each bakery topic gets when a service creates it;
 * bakery-platform.yml sets it to the broker's {@code KAFKA_NUM_PARTITIONS} from the
 * site's facts (.env), so it has no default of its own here
 * @param timeScale how fast simulated work runs: 1 is real bake and pack times, 0.1 ten
 * times faster, 0 instant
 * @param longestWork the longest one order may spend at a station (an oven, a packing
 * table), at this time scale. A department that stops finishes what is at its stations
 * first (its partitions go to other members at once), so this bounds how long stopping
 * takes; the till refuses an order that would take longer
 * @param outbox how the outbox is relayed and cleaned up
 */
@ConfigurationProperties("bakery")
@Validated
public record BakerySettings(@DefaultValue("local") @NotBlank String instanceId, @Min(1) @Max(1000) int partitions,
		@DefaultValue("1.0") @DecimalMin("0.0") @DecimalMax("100.0") double timeScale,
		@DefaultValue("5m") @DurationMin(millis = 1) Duration longestWork, @DefaultValue @Valid Outbox outbox) {

	/**
	 * @param pollInterval pause between two looks at the outbox table when no commit of
	 * this instance woke the relay (each look is a transaction: an idle department's
	 * cost)
	 * @param batchSize how many events one look sends at most
	 * @param relay who sends the outbox's rows: the department's own relay, or Kafka
	 * Connect (Debezium reads the table's inserts from PostgreSQL's write-ahead log; the
	 * own relay is off)
	 * @param retention how long a sent row stays in the table (to look at, or to find out
	 * what was sent) before the clean-up deletes it
	 * @param cleanupInterval how often the clean-up looks
	 */
	public record Outbox(@DefaultValue("1s") @DurationMin(millis = 1) Duration pollInterval,
			@DefaultValue("200") @Min(1) @Max(10000) int batchSize, @DefaultValue("own") Relay relay,
			@DefaultValue("24h") @DurationMin(minutes = 1) Duration retention,
			@DefaultValue("1m") @DurationMin(seconds = 1) Duration cleanupInterval) {
	}

	/** Who sends an outbox's rows to Kafka. */
	public enum Relay {

		/** The department's own {@code OutboxRelay}. */
		OWN,

		/**
		 * Kafka Connect: Debezium's PostgreSQL connector with its outbox event router.
		 */
		CONNECT

	}

	/** A simulated duration at this time scale. */
	public Duration scaled(Duration duration) {
		return Duration.ofNanos((long) (duration.toNanos() * this.timeScale));
	}

}
