package dev.bakery.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Packaging started or finished packing an order. Published to
 * {@link Topics#PACKAGING_STATUS} with the order id as key.
 *
 * @param orderId the order
 * @param status {@code PACKING} or {@code PACKED}
 * @param at when it happened
 * @param station which packaging instance did it
 */
public record PackagingStatusChanged(UUID orderId, Status status, Instant at, String station) {

	public PackagingStatusChanged {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(station, "station");
	}

	/** Packaging's two steps. */
	public enum Status {

		PACKING, PACKED

	}

}
