package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.media.Schema;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;

import dev.bakery.sales.counter.OrderStatus;

/**
 * The shelf's interactive queries: answers read from the topology's state stores, not
 * from a database. The same questions as the counter's read model, by different
 * machinery.
 * <p>
 * With more than one counter instance, each keeps the stores of the partitions Kafka
 * Streams assigned to it: the KTable's one partition on one instance, the per-minute
 * counts spread by product. Kafka Streams knows who keeps what (each instance tells its
 * group its {@code application.server}, sales-service.yml), and the shelf asks the
 * instance that keeps an order, or every instance that keeps a part
 * ({@link OtherShelves}).
 */
@Service
public class Shelf {

	static final Comparator<ShelvedOrder> LATEST_FIRST = Comparator.comparing(ShelvedOrder::at).reversed();

	private final LocalShelf here;

	private final OtherShelves others;

	private final StreamsBuilderFactoryBean streams;

	private final HostInfo me;

	Shelf(LocalShelf here, OtherShelves others, StreamsBuilderFactoryBean streams,
			KafkaStreamsInteractiveQueryService queries) {
		this.here = here;
		this.others = others;
		this.streams = streams;
		this.me = queries.getCurrentKafkaStreamsApplicationHostInfo();
	}

	/** An order's current status, if it is on the shelf (placed, not yet handed over). */
	public Optional<ShelvedOrder> find(UUID orderId) {
		KeyQueryMetadata keeper = ask(ShelfTopology.SHELF_STORE, (streams) -> streams
			.queryMetadataForKey(ShelfTopology.SHELF_STORE, orderId.toString(), new StringSerializer()));
		if (keeper == KeyQueryMetadata.NOT_AVAILABLE) {
			throw new ShelfNotReady(ShelfTopology.SHELF_STORE, null);
		}
		HostInfo host = keeper.activeHost();
		return host.equals(this.me) ? this.here.find(orderId) : this.others.find(host, orderId);
	}

	/**
	 * The orders on the shelf, latest change first, optionally only those in one status.
	 */
	public List<ShelvedOrder> list(OrderStatus status, int limit) {
		return keepersOf(ShelfTopology.SHELF_STORE)
			.flatMap((host) -> host.equals(this.me) ? this.here.list(status, limit).stream()
					: this.others.list(host, status, limit).stream())
			.sorted(LATEST_FIRST)
			.limit(limit)
			.toList();
	}

	/**
	 * How many orders are on the shelf in each status, from PLACED to READY_FOR_PICKUP,
	 * those without orders as 0.
	 */
	public Map<OrderStatus, Long> countByStatus() {
		Map<OrderStatus, Long> counts = noOrders();
		keepersOf(ShelfTopology.SHELF_STORE)
			.map((host) -> host.equals(this.me) ? this.here.countByStatus() : this.others.countByStatus(host))
			.forEach((part) -> part.forEach((status, orders) -> counts.merge(status, orders, Long::sum)));
		return counts;
	}

	/** Every status an order on the shelf can have, each with no orders. */
	static Map<OrderStatus, Long> noOrders() {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			if (status != OrderStatus.HANDED_OVER) {
				counts.put(status, 0L);
			}
		}
		return counts;
	}

	/** Pieces baked per product in each of the last minutes, oldest minute first. */
	public List<BakedInMinute> bakedPerMinute(Duration last, Instant now) {
		return keepersOf(ShelfTopology.BAKED_PER_MINUTE_STORE)
			.flatMap((host) -> host.equals(this.me) ? this.here.bakedPerMinute(last, now).stream()
					: this.others.bakedPerMinute(host, last).stream())
			.sorted(Comparator.comparing(BakedInMinute::minute).thenComparing(BakedInMinute::product))
			.toList();
	}

	/** The instances that keep a part of a store; this one while nobody is known yet. */
	private Stream<HostInfo> keepersOf(String store) {
		Collection<StreamsMetadata> keepers = ask(store, (streams) -> streams.streamsMetadataForStore(store));
		return keepers.isEmpty() ? Stream.of(this.me) : keepers.stream().map(StreamsMetadata::hostInfo).distinct();
	}

	private <T> T ask(String store, Function<KafkaStreams, T> question) {
		KafkaStreams kafkaStreams = this.streams.getKafkaStreams();
		if (kafkaStreams == null) {
			throw new ShelfNotReady(store, null);
		}
		try {
			return question.apply(kafkaStreams);
		}
		catch (IllegalStateException | InvalidStateStoreException ex) {
			throw new ShelfNotReady(store, ex);
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
	public record BakedInMinute(Instant minute, @Schema(example = "BREZEL") String product,
			@Schema(example = "3") long pieces) {
	}

}
