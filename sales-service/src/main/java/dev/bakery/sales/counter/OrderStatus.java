package dev.bakery.sales.counter;

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

}
