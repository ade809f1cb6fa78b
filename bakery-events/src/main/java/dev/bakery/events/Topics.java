package dev.bakery.events;

import java.util.List;

/**
 * The topics the bakery's departments talk over. Every record's key is the order id, so
 * all events of one order land on one partition and are read in the order they were
 * written.
 */
public final class Topics {

	/** "Bestellungen": the till's {@link OrderPlaced} events. */
	public static final String ORDERS = "bakery.orders";

	/** "Backwarenstatus": the bake house's {@link BakingStatusChanged} events. */
	public static final String BAKING_STATUS = "bakery.baking-status";

	/** "Verpackungsstatus": packaging's {@link PackagingStatusChanged} events. */
	public static final String PACKAGING_STATUS = "bakery.packaging-status";

	/**
	 * "Verkaufsstatus": the counter's {@link SalesStatusChanged} events, an order handed
	 * to its customer.
	 */
	public static final String SALES_STATUS = "bakery.sales-status";

	/**
	 * The four topics the departments write, in the order an order passes through them.
	 */
	public static final List<String> ALL = List.of(ORDERS, BAKING_STATUS, PACKAGING_STATUS, SALES_STATUS);

	/**
	 * The shelf: every order's current status, one record per change, merged from
	 * {@link #ALL} by the counter's Kafka Streams topology. Compacted: in the end only
	 * the latest record of each order stays, and a handed-over order's tombstone (a
	 * record without value) removes it. Not in {@link #ALL}: no department writes it.
	 */
	public static final String ORDER_STATUS = "bakery.order-status";

	/**
	 * The menu: every product a bake house can bake, one {@link ProductOffered} record
	 * per product (the key), written by the bake houses and read as a table by the till
	 * and the counter. Compacted, so that it keeps the latest offer of each product for
	 * good. Not in {@link #ALL}: it is about products, not orders.
	 */
	public static final String MENU = "bakery.menu";

	/**
	 * Suffix of the dead-letter topic that spring-kafka's recoverer writes a poison
	 * record to.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	private Topics() {
	}

	/** The dead-letter topic of a topic, e.g. {@code bakery.orders.DLT}. */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
