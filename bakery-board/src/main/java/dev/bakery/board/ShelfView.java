package dev.bakery.sales.board;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.bakery.sales.counter.OrderStatus;
import dev.bakery.sales.shelf.Shelf.BakedInMinute;
import dev.bakery.sales.shelf.Shelf.ShelvedOrder;

/**
 * The shelf at one moment, as the board shows it: what the counter's Kafka Streams
 * topology holds in its state stores, read by interactive queries in this process. Not
 * the counter's PostgreSQL read model: the KTable of the compacted topic
 * {@code bakery.order-status}, and the pieces baked per product in tumbling one-minute
 * windows.
 *
 * @param at when the stores were asked
 * @param counts how many orders the KTable holds in each status from PLACED to
 * READY_FOR_PICKUP; no HANDED_OVER, as a handed-over order's tombstone removed it
 * @param latest the orders whose status changed last, latest first
 * @param minutes the minutes shown, oldest first, each as its start
 * @param bakedPerMinute the pieces baked per product in those minutes; a minute in which
 * a product was not baked has no entry
 * @param problem why the shelf could not be asked (Kafka Streams is restoring or
 * rebalancing its stores), or {@code null}
 */
record ShelfView(Instant at, Map<OrderStatus, Long> counts, List<ShelvedOrder> latest, List<Instant> minutes,
		List<BakedInMinute> bakedPerMinute, String problem) {

	/**
	 * The view of every order on the shelf, latest change first, of which the first
	 * {@code shown} are listed.
	 */
	static ShelfView of(Instant at, List<ShelvedOrder> shelved, int shown, List<Instant> minutes,
			List<BakedInMinute> bakedPerMinute) {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			if (status != OrderStatus.HANDED_OVER) {
				counts.put(status, 0L);
			}
		}
		shelved.forEach((order) -> counts.merge(order.status(), 1L, Long::sum));
		return new ShelfView(at, counts, shelved.stream().limit(shown).toList(), minutes, bakedPerMinute, null);
	}

	static ShelfView notReady(Instant at, String problem) {
		return new ShelfView(at, Map.of(), List.of(), List.of(), List.of(), problem);
	}

}
