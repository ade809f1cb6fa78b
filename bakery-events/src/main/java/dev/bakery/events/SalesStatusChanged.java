package dev.bakery.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The counter handed an order to its customer. Published to {@link Topics#SALES_STATUS}
 * with the order id as key.
 *
 * @param orderId the order
 * @param status {@code HANDED_OVER}
 * @param at when it happened
 * @param station which counter instance did it
 */
public record SalesStatusChanged(UUID orderId, Status status, Instant at, String station) {

	public SalesStatusChanged {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(station, "station");
	}

	/** The counter's one step. */
	public enum Status {

		HANDED_OVER

	}

}
