package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.springframework.stereotype.Service;

import dev.bakery.sales.counter.OrderStatus;

/**
 * The shelf's interactive queries: answers read from the topology's state stores in this
 * process, not from a database. The same questions as the counter's read model, by
 * different machinery.
 */
@Service
public class Shelf {

	private final KafkaStreamsInteractiveQueryService queries;

	Shelf(KafkaStreamsInteractiveQueryService queries) {
		this.queries = queries;
	}

	/** An order's current status, if it is on the shelf (placed, not yet handed over). */
	public Optional<ShelvedOrder> find(UUID orderId) {
		return query(ShelfTopology.SHELF_STORE, QueryableStoreTypes.<String, CurrentStatus>keyValueStore(),
				(shelf) -> Optional.ofNullable(shelf.get(orderId.toString()))
					.map((status) -> new ShelvedOrder(orderId, status.status(), status.at())));
	}

	/**
	 * The orders on the shelf, latest change first, optionally only those in one status.
	 */
	public List<ShelvedOrder> list(OrderStatus status, int limit) {
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
			.sorted(Comparator.comparing(ShelvedOrder::at).reversed())
			.limit(limit)
			.toList();
	}

	/** Pieces baked per product in each of the last minutes, oldest minute first. */
	public List<BakedInMinute> bakedPerMinute(Duration last, Instant now) {
		List<BakedInMinute> minutes = query(ShelfTopology.BAKED_PER_MINUTE_STORE,
				QueryableStoreTypes.<String, Long>windowStore(), (counts) -> {
					List<BakedInMinute> found = new ArrayList<>();
					try (KeyValueIterator<Windowed<String>, Long> all = counts.fetchAll(now.minus(last), now)) {
						all.forEachRemaining((KeyValue<Windowed<String>, Long> count) -> found
							.add(new BakedInMinute(count.key.window().startTime(), count.key.key(), count.value)));
					}
					return found;
				});
		return minutes.stream()
			.sorted(Comparator.comparing(BakedInMinute::minute).thenComparing(BakedInMinute::product))
			.toList();
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

	/**
	 * An order on the shelf.
	 *
	 * @param orderId the order
	 * @param status where it is
	 * @param at since when
	 */
	public record ShelvedOrder(UUID orderId, OrderStatus status, Instant at) {
	}

	/**
	 * How many pieces of a product came out of the oven in one minute.
	 *
	 * @param minute the minute's start
	 * @param product the product
	 * @param pieces how many
	 */
	public record BakedInMinute(Instant minute, String product, long pieces) {
	}

}
