package dev.bakery.sales.counter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order as the customer sees it at the counter.
 *
 * @param orderId the order
 * @param customer who ordered; {@code null} until the till's event arrived
 * @param status where it is now
 * @param updatedAt when it got there
 * @param timeline every step so far, in the order of the flow
 */
public record SalesOrder(UUID orderId, @Schema(example = "Anna") String customer, OrderStatus status, Instant updatedAt,
		List<TimelineEntry> timeline) {

	/**
	 * One step, and the Kafka record that brought it to the counter.
	 *
	 * @param status the status reached
	 * @param department who did it: till, bakehouse, packaging, counter
	 * @param at when
	 * @param station which instance of the department
	 * @param topic the record's topic ({@code null} for the hand-over, which happens at
	 * the counter itself)
	 * @param partition the record's partition
	 * @param offset the record's offset in that partition
	 * @param traceId the trace the step belongs to, if it is recorded (open it in Zipkin:
	 * {@code http://localhost:9411/zipkin/traces/<traceId>}); null if it is not
	 */
	public record TimelineEntry(@Schema(example = "IN_OVEN") OrderStatus status,
			@Schema(example = "bakehouse") String department, Instant at, String station,
			@Schema(example = "bakery.baking-status") String topic, @Schema(example = "3") Integer partition,
			@Schema(example = "17") Long offset, @Schema(example = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {
	}

	/** An order in a list. */
	public record Summary(UUID orderId, @Schema(example = "Anna") String customer, OrderStatus status,
			Instant updatedAt) {
	}

}
