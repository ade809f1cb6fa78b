package dev.bakery.checkout.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.bakery.events.OrderLine;

/**
 * An order the till took.
 *
 * @param orderId its id, also the Kafka record key of all its events
 * @param customer who ordered
 * @param items what they ordered
 * @param status always {@code PLACED} at the till; the counter (sales-service) follows it
 * further
 * @param placedAt when
 */
public record Order(UUID orderId, @Schema(example = "Anna") String customer, List<OrderLine> items,
		@Schema(example = PLACED) String status, Instant placedAt) {

	static final String PLACED = "PLACED";

}
