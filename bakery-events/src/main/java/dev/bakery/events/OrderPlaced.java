package dev.bakery.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The till took an order. Published to {@link Topics#ORDERS} with the order id as key.
 *
 * @param orderId the order
 * @param customer who ordered, for the counter to call out (see
 * {@link OrderRules#customer})
 * @param items what to bake, 1 to {@value OrderRules#MAX_LINES} lines
 * @param placedAt when the till took the order
 */
public record OrderPlaced(UUID orderId, String customer, List<OrderLine> items, Instant placedAt) {

	public OrderPlaced {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(placedAt, "placedAt");
		items = List.copyOf(Objects.requireNonNull(items, "items"));
		int lines = items.size();
		OrderRules.customer(customer).or(() -> OrderRules.lines(lines)).ifPresent((broken) -> {
			throw broken;
		});
	}

}
