package dev.bakery.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shelf at one moment, as the board shows it: what the counter's Kafka Streams
 * topology holds in its state stores, asked over the counter's {@code /shelf} endpoints
 * (interactive queries). Not the counter's PostgreSQL read model: the KTable of the
 * compacted topic {@code bakery.order-status}, and the pieces baked per product in
 * tumbling one-minute windows.
 *
 * @param at when the shelf was asked
 * @param counts how many orders the KTable holds in each status from PLACED to
 * READY_FOR_PICKUP; no HANDED_OVER, as a handed-over order's tombstone removed it
 * @param latest the orders whose status changed last, latest first
 * @param minutes the minutes shown, oldest first, each as its start
 * @param bakedPerMinute the pieces baked per product in those minutes; a minute in which
 * a product was not baked has no entry
 * @param problem why the shelf could not be asked (Kafka Streams is restoring or
 * rebalancing its stores, or the counter is away), or {@code null}
 */
record ShelfView(Instant at, Map<String, Long> counts, List<Shelved> latest, List<Instant> minutes,
		List<Baked> bakedPerMinute, String problem) {

	static ShelfView notReady(Instant at, String problem) {
		return new ShelfView(at, Map.of(), List.of(), List.of(), List.of(), problem);
	}

	/**
	 * An order on the shelf.
	 *
	 * @param orderId the order
	 * @param status where it is
	 * @param at since when
	 */
	record Shelved(UUID orderId, String status, Instant at) {
	}

	/**
	 * How many pieces of a product came out of the oven in one minute.
	 *
	 * @param minute the minute's start
	 * @param product the product
	 * @param pieces how many
	 */
	record Baked(Instant minute, String product, long pieces) {
	}

}
