package dev.bakery.sales.shelf;

import java.time.Instant;
import java.util.Objects;

import dev.bakery.sales.counter.OrderStatus;

/**
 * An order's current status on the shelf, the value of a record on
 * {@code bakery.order-status} (its key is the order id).
 *
 * @param status where the order is
 * @param at when it got there, as the department that moved it says
 */
public record CurrentStatus(OrderStatus status, Instant at) {

	public CurrentStatus {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(at, "at");
	}

	/** Whether this status is further along the flow than {@code other}. */
	boolean isAfter(CurrentStatus other) {
		return this.status.isAfter(other.status);
	}

}
