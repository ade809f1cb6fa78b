package dev.bakery.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The till took an order. Published to {@link Topics#ORDERS} with the order id as key.
 *
 * @param orderId the order
 * @param customer who ordered, for the counter to call out
 * @param items what to bake, never empty
 * @param placedAt when the till took the order
 */
public record OrderPlaced(UUID orderId, String customer, List<OrderLine> items, Instant placedAt) {

	public OrderPlaced {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(placedAt, "placedAt");
		if (items == null || items.isEmpty()) {
			throw new IllegalArgumentException("an order has at least one item");
		}
		items = List.copyOf(items);
	}

}
