package dev.bakery.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order's baked goods went into the oven or came out of it. Published to
 * {@link Topics#BAKING_STATUS} with the order id as key.
 *
 * @param orderId the order
 * @param status {@code IN_OVEN} or {@code BAKED}
 * @param items what is being baked, so that packaging knows what it will pack
 * @param at when it happened
 * @param station which bake-house instance did it
 */
public record BakingStatusChanged(UUID orderId, Status status, List<OrderLine> items, Instant at, String station) {

	public BakingStatusChanged {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(station, "station");
		items = List.copyOf(Objects.requireNonNull(items, "items"));
		OrderRules.lines(items.size()).ifPresent((broken) -> {
			throw broken;
		});
	}

	/** The bake house's two steps. */
	public enum Status {

		IN_OVEN, BAKED

	}

}
