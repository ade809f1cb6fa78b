package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Menu;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.RuleBroken;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.tracing.Traceparents;
import dev.bakery.sales.counter.OrderStatus;

/**
 * The shelf: a Kafka Streams topology, exactly once ({@code processing.guarantee=
 * exactly_once_v2}, sales-service.yml), as application {@code shelf}.
 * <ol>
 * <li>It merges the four departments' topics into {@link Topics#ORDER_STATUS}: one record
 * per status change, key the order id, value its {@link CurrentStatus}; a handed-over
 * order gets a tombstone. The status only moves forward ({@link ForwardOnly}).</li>
 * <li>It reads that compacted topic back as a KTable, {@value #SHELF_STORE}: every
 * order's current status, queried over HTTP ({@link Shelf}). The topic is the table's
 * changelog ({@code topology.optimization=all}), so the table holds exactly what
 * compaction keeps: the latest status of every order not yet handed over.</li>
 * <li>It counts the pieces baked per product and minute (a tumbling window on the bake
 * house's BAKED events, each order's once), {@value #BAKED_PER_MINUTE_STORE}.</li>
 * </ol>
 * Every step is read at the time its department says it happened (the event's own time),
 * not when the record was written: a step the outbox sent late still counts in its
 * minute.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class ShelfTopology {

	private static final Logger log = LoggerFactory.getLogger(ShelfTopology.class);

	/** Every order's furthest status, handed-over ones included ({@link ForwardOnly}). */
	static final String PROGRESS_STORE = "order-progress";

	/** The KTable of {@link Topics#ORDER_STATUS}: the orders on the shelf. */
	static final String SHELF_STORE = "shelf";

	/** Pieces baked per product and minute. */
	static final String BAKED_PER_MINUTE_STORE = "baked-per-minute";

	/** The orders whose pieces are counted, each once ({@link FirstOnly}). */
	static final String COUNTED_STORE = "baked-orders";

	/** The window of the counts. */
	static final Duration MINUTE = Duration.ofMinutes(1);

	/**
	 * How late a BAKED event may arrive and still count in its minute, and how long the
	 * counts are kept.
	 */
	static final Duration GRACE = Duration.ofMinutes(1);

	static final Duration KEPT = Duration.ofHours(2);

	static final Serde<CurrentStatus> STATUS = json(CurrentStatus.class);

	/**
	 * {@link Topics#ORDER_STATUS}: one partition, so that its log, which the compaction
	 * lab reads, is one sequence; its settings are the compaction's (sales-service.yml).
	 */
	@Bean
	NewTopic orderStatusTopic(ShelfSettings settings) {
		return TopicBuilder.name(Topics.ORDER_STATUS).partitions(1).configs(settings.topic()).build();
	}

	@Bean
	KStream<String, CurrentStatus> orderStatusChanges(StreamsBuilder builder, ShelfSettings settings,
			Traceparents traces, OrderRules rules, Menu menu) {
		return build(builder, new AtomicBoolean(settings.abortOnce()), traces, keepingTheRules(rules, menu));
	}

	/**
	 * Whether an order keeps the rules the till enforces: one that does not is skipped
	 * and logged, as a record the shelf cannot read is (the bake house and the counter
	 * dead-letter it), so that it never stands on the shelf as placed.
	 */
	static Predicate<OrderPlaced> keepingTheRules(OrderRules rules, Menu menu) {
		return (order) -> {
			List<RuleBroken> broken = rules.brokenBy(order, menu);
			if (broken.isEmpty()) {
				return true;
			}
			log.warn("Order {} is not put on the shelf: {}", order.orderId(), broken.get(0).getMessage());
			return false;
		};
	}

	/**
	 * A stream thread that fails (the exactly-once lab's {@link AbortOnce}, or a broker
	 * lost mid-transaction) is replaced by a new one, which goes on from the last
	 * committed transaction; by default Kafka Streams would shut the whole client down. A
	 * stopping shelf leaves its group at once, as the departments' consumers do, so that
	 * a restarted one gets its partitions without waiting for the session to time out.
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer shelfLifecycle() {
		return (factory) -> {
			factory.setLeaveGroupOnClose(true);
			factory.setStreamsUncaughtExceptionHandler(ShelfTopology::replaceThread);
		};
	}

	private static StreamThreadExceptionResponse replaceThread(Throwable failure) {
		log.warn("A shelf stream thread failed; its transaction is aborted and a new thread takes over: {}",
				failure.getMessage());
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

	/**
	 * The interactive queries. A store that is not ready is asked twice more, 100 ms
	 * apart, before the answer is 503 (spring-kafka's default keeps a request, the
	 * board's among them, waiting for seconds).
	 */
	@Bean
	KafkaStreamsInteractiveQueryService shelfQueries(StreamsBuilderFactoryBean factory) {
		KafkaStreamsInteractiveQueryService queries = new KafkaStreamsInteractiveQueryService(factory);
		queries.setRetryTemplate(
				new RetryTemplate(RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(100)).build()));
		return queries;
	}

	/**
	 * The topology, on {@code builder}, each step a span of its order's trace; the unit
	 * tests build it on their own builder.
	 */
	static KStream<String, CurrentStatus> build(StreamsBuilder builder, AtomicBoolean abortOnce, Traceparents traces,
			Predicate<OrderPlaced> keepsTheRules) {
		KStream<String, CurrentStatus> placed = builder
			.stream(Topics.ORDERS, consumed(OrderPlaced.class, OrderPlaced::placedAt))
			.filter((orderId, order) -> keepsTheRules.test(order))
			.mapValues((order) -> new CurrentStatus(OrderStatus.PLACED, order.placedAt()));
		KStream<String, BakingStatusChanged> baking = builder.stream(Topics.BAKING_STATUS,
				consumed(BakingStatusChanged.class, BakingStatusChanged::at));
		KStream<String, CurrentStatus> packaging = builder
			.stream(Topics.PACKAGING_STATUS, consumed(PackagingStatusChanged.class, PackagingStatusChanged::at))
			.mapValues((change) -> new CurrentStatus(OrderStatus.of(change.status()), change.at()));
		KStream<String, CurrentStatus> sales = builder
			.stream(Topics.SALES_STATUS, consumed(SalesStatusChanged.class, SalesStatusChanged::at))
			.mapValues((change) -> new CurrentStatus(OrderStatus.of(change.status()), change.at()));

		builder.addStateStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE), Serdes.String(), STATUS));
		KStream<String, CurrentStatus> changes = placed
			.merge(baking.mapValues((change) -> new CurrentStatus(OrderStatus.of(change.status()), change.at())))
			.merge(packaging)
			.merge(sales)
			.processValues(() -> new ForwardOnly(traces), PROGRESS_STORE)
			.processValues(() -> new AbortOnce(abortOnce));
		changes.to(Topics.ORDER_STATUS, Produced.with(Serdes.String(), STATUS));

		builder.table(Topics.ORDER_STATUS, Consumed.with(Serdes.String(), STATUS),
				Materialized.<String, CurrentStatus, KeyValueStore<Bytes, byte[]>>as(SHELF_STORE)
					.withKeySerde(Serdes.String())
					.withValueSerde(STATUS));

		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTED_STORE),
				Serdes.String(), Serdes.Long()));
		baking.filter((orderId, change) -> change.status() == BakingStatusChanged.Status.BAKED)
			.processValues(() -> new FirstOnly<>(COUNTED_STORE), COUNTED_STORE)
			.flatMap((orderId, change) -> change.items()
				.stream()
				.map((line) -> KeyValue.pair(line.product(), (long) line.quantity()))
				.toList())
			.groupByKey(Grouped.with("baked-by-product", Serdes.String(), Serdes.Long()))
			.windowedBy(TimeWindows.ofSizeAndGrace(MINUTE, GRACE))
			.reduce(Long::sum,
					Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(BAKED_PER_MINUTE_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(Serdes.Long())
						.withRetention(KEPT));
		return changes;
	}

	/**
	 * A department's topic, read as its contract type (the type header is not needed: a
	 * topic carries one type), at the time the event names.
	 */
	private static <T> Consumed<String, T> consumed(Class<T> type, Function<T, Instant> time) {
		TimestampExtractor eventTime = (record, partitionTime) -> {
			@SuppressWarnings("unchecked")
			T event = (T) record.value();
			return (event != null) ? time.apply(event).toEpochMilli() : record.timestamp();
		};
		return Consumed.with(Serdes.String(), json(type)).withTimestampExtractor(eventTime);
	}

	static <T> Serde<T> json(Class<T> type) {
		return new JacksonJsonSerde<T>(type).ignoreTypeHeaders().noTypeInfo();
	}

}
