package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Component;

import dev.bakery.sales.counter.OrderStatus;
import dev.bakery.sales.shelf.Shelf.BakedInMinute;
import dev.bakery.sales.shelf.Shelf.ShelvedOrder;

/**
 * The shelf's interactive queries of the state stores in this process: the part of the
 * shelf that this counter instance keeps. {@link Shelf} asks the other instances for
 * theirs.
 */
@Component
class LocalShelf {

	private final KafkaStreamsInteractiveQueryService queries;

	LocalShelf(KafkaStreamsInteractiveQueryService queries) {
		this.queries = queries;
	}

	/** An order's current status, if this instance holds it on the shelf. */
	Optional<ShelvedOrder> find(UUID orderId) {
		return query(ShelfTopology.SHELF_STORE, QueryableStoreTypes.<String, CurrentStatus>keyValueStore(),
				(shelf) -> Optional.ofNullable(shelf.get(orderId.toString()))
					.map((status) -> new ShelvedOrder(orderId, status.status(), status.at())));
	}

	/**
	 * The orders on this instance's part of the shelf, latest change first, optionally
	 * only those in one status.
	 */
	List<ShelvedOrder> list(OrderStatus status, int limit) {
		List<ShelvedOrder> orders = query(ShelfTopology.SHELF_STORE,
				QueryableStoreTypes.<String, CurrentStatus>keyValueStore(), (shelf) -> {
					List<ShelvedOrder> found = new ArrayList<>();
					try (KeyValueIterator<String, CurrentStatus> all = shelf.all()) {
						all.forEachRemaining((entry) -> found
							.add(new ShelvedOrder(UUID.fromString(entry.key), entry.value.status(), entry.value.at())));
					}
					return found;
				});
		return orders.stream()
			.filter((order) -> status == null || order.status() == status)
			.sorted(Shelf.LATEST_FIRST)
			.limit(limit)
			.toList();
	}

	/**
	 * How many orders this instance's part of the shelf holds in each status, from PLACED
	 * to READY_FOR_PICKUP (a handed-over order is gone from it), those without orders as
	 * 0.
	 */
	Map<OrderStatus, Long> countByStatus() {
		return query(ShelfTopology.SHELF_STORE, QueryableStoreTypes.<String, CurrentStatus>keyValueStore(), (shelf) -> {
			Map<OrderStatus, Long> counts = Shelf.noOrders();
			try (KeyValueIterator<String, CurrentStatus> all = shelf.all()) {
				all.forEachRemaining((entry) -> counts.merge(entry.value.status(), 1L, Long::sum));
			}
			return counts;
		});
	}

	/**
	 * Pieces baked per product in each of the last minutes, of the products whose counts
	 * this instance keeps.
	 */
	List<BakedInMinute> bakedPerMinute(Duration last, Instant now) {
		return query(ShelfTopology.BAKED_PER_MINUTE_STORE, QueryableStoreTypes.<String, Long>windowStore(),
				(counts) -> {
					List<BakedInMinute> found = new ArrayList<>();
					try (KeyValueIterator<Windowed<String>, Long> all = counts.fetchAll(now.minus(last), now)) {
						all.forEachRemaining((KeyValue<Windowed<String>, Long> count) -> found
							.add(new BakedInMinute(count.key.window().startTime(), count.key.key(), count.value)));
					}
					return found;
				});
	}

	/**
	 * Asks a store. While Kafka Streams is not running (starting, rebalancing, restoring)
	 * both finding the store and reading it fail, and the answer is "not ready".
	 */
	private <S, T> T query(String name, QueryableStoreType<S> type, Function<S, T> question) {
		try {
			return question.apply(this.queries.retrieveQueryableStore(name, type));
		}
		catch (IllegalStateException | InvalidStateStoreException ex) {
			throw new ShelfNotReady(name, ex);
		}
	}

}
