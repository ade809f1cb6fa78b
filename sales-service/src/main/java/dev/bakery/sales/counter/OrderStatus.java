package dev.bakery.sales.counter;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.SalesStatusChanged;

/** Where an order is, as the customer sees it, in the order of the flow. */
public enum OrderStatus {

	PLACED("till"), IN_OVEN("bakehouse"), BAKED("bakehouse"), PACKING("packaging"), READY_FOR_PICKUP("packaging"),
	HANDED_OVER("counter");

	private final String department;

	OrderStatus(String department) {
		this.department = department;
	}

	/** The department that moved the order into this status. */
	public String department() {
		return this.department;
	}

	/** The place in the flow; a status with a higher stage is later. */
	public int stage() {
		return ordinal();
	}

	/** Whether this status is further along the flow than {@code other}. */
	public boolean isAfter(OrderStatus other) {
		return stage() > other.stage();
	}

	/** Where the bake house's step moves an order. */
	public static OrderStatus of(BakingStatusChanged.Status status) {
		return switch (status) {
			case IN_OVEN -> IN_OVEN;
			case BAKED -> BAKED;
		};
	}

	/** Where packaging's step moves an order: a packed order is ready for pickup. */
	public static OrderStatus of(PackagingStatusChanged.Status status) {
		return switch (status) {
			case PACKING -> PACKING;
			case PACKED -> READY_FOR_PICKUP;
		};
	}

	/** Where the counter's own step moves an order. */
	public static OrderStatus of(SalesStatusChanged.Status status) {
		return switch (status) {
			case HANDED_OVER -> HANDED_OVER;
		};
	}

}
