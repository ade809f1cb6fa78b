package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Menu;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.ProductOffered;
import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.tracing.Traceparents;
import dev.bakery.sales.counter.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shelf's topology on Kafka Streams' own test driver: the records go through the real
 * topology and its real state stores, synchronously, without a broker.
 */
class ShelfTopologyTests {

	private static final Instant NINE = Instant.parse("2026-11-29T09:00:00Z");

	private static final List<OrderLine> PRETZELS_AND_ROLLS = List.of(new OrderLine("BREZEL", 3),
			new OrderLine("BROETCHEN", 5));

	private static final Menu MENU = Menu.of(List.of(offer("BREZEL"), offer("BROETCHEN")));

	private TopologyTestDriver driver;

	private TestInputTopic<String, OrderPlaced> orders;

	private TestInputTopic<String, BakingStatusChanged> baking;

	private TestInputTopic<String, PackagingStatusChanged> packaging;

	private TestInputTopic<String, SalesStatusChanged> sales;

	private TestOutputTopic<String, CurrentStatus> orderStatus;

	private final AtomicBoolean abortOnce = new AtomicBoolean();

	private void start() {
		StreamsBuilder builder = new StreamsBuilder();
		ShelfTopology.build(builder, this.abortOnce, Traceparents.none(),
				ShelfTopology.keepingTheRules(new OrderRules(Duration.ofSeconds(60), 1), MENU));
		Properties properties = new Properties();
		properties.putAll(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "shelf", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
				"unused:9092", StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
				StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE));
		this.driver = new TopologyTestDriver(builder.build(properties), properties);
		this.orders = input(Topics.ORDERS, OrderPlaced.class);
		this.baking = input(Topics.BAKING_STATUS, BakingStatusChanged.class);
		this.packaging = input(Topics.PACKAGING_STATUS, PackagingStatusChanged.class);
		this.sales = input(Topics.SALES_STATUS, SalesStatusChanged.class);
		this.orderStatus = this.driver.createOutputTopic(Topics.ORDER_STATUS, Serdes.String().deserializer(),
				ShelfTopology.STATUS.deserializer());
	}

	private static ProductOffered offer(String product) {
		return new ProductOffered(product, product, 100, 10, NINE, "bakery-service@test");
	}

	private <T> TestInputTopic<String, T> input(String topic, Class<T> type) {
		return this.driver.createInputTopic(topic, Serdes.String().serializer(), ShelfTopology.json(type).serializer());
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.close();
		}
	}

	@Test
	void mergesTheFourTopicsIntoOneStatusPerStepAndTheShelfHoldsTheLatest() {
		start();
		UUID order = UUID.randomUUID();
		placed(order, NINE);
		baked(order, BakingStatusChanged.Status.IN_OVEN, NINE.plusSeconds(1));
		baked(order, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(20));
		packed(order, PackagingStatusChanged.Status.PACKING, NINE.plusSeconds(21));
		packed(order, PackagingStatusChanged.Status.PACKED, NINE.plusSeconds(25));

		assertThat(this.orderStatus.readKeyValuesToList()).containsExactly(status(order, OrderStatus.PLACED, NINE),
				status(order, OrderStatus.IN_OVEN, NINE.plusSeconds(1)),
				status(order, OrderStatus.BAKED, NINE.plusSeconds(20)),
				status(order, OrderStatus.PACKING, NINE.plusSeconds(21)),
				status(order, OrderStatus.READY_FOR_PICKUP, NINE.plusSeconds(25)));
		assertThat(onTheShelf(order)).isEqualTo(new CurrentStatus(OrderStatus.READY_FOR_PICKUP, NINE.plusSeconds(25)));
	}

	@Test
	void anOrderThatBreaksARuleNeverStandsOnTheShelf() {
		start();
		UUID offTheMenu = UUID.randomUUID();
		this.orders.pipeInput(offTheMenu.toString(),
				new OrderPlaced(offTheMenu, "Anna", List.of(new OrderLine("KUCHEN", 1)), NINE));
		UUID kept = UUID.randomUUID();
		placed(kept, NINE);

		assertThat(this.orderStatus.readKeyValuesToList()).containsExactly(status(kept, OrderStatus.PLACED, NINE));
	}

	@Test
	void theStatusOnlyMovesForwardWhateverOrderTheTopicsDeliverIn() {
		start();
		UUID order = UUID.randomUUID();
		packed(order, PackagingStatusChanged.Status.PACKING, NINE.plusSeconds(21));
		baked(order, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(20));
		placed(order, NINE);
		packed(order, PackagingStatusChanged.Status.PACKING, NINE.plusSeconds(21));
		packed(order, PackagingStatusChanged.Status.PACKED, NINE.plusSeconds(25));
		baked(order, BakingStatusChanged.Status.IN_OVEN, NINE.plusSeconds(1));

		assertThat(this.orderStatus.readKeyValuesToList()).as("late and repeated steps are dropped")
			.containsExactly(status(order, OrderStatus.PACKING, NINE.plusSeconds(21)),
					status(order, OrderStatus.READY_FOR_PICKUP, NINE.plusSeconds(25)));
		assertThat(onTheShelf(order).status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
	}

	@Test
	void aHandOverIsATombstoneAndTheOrderLeavesTheShelfForGood() {
		start();
		UUID collected = UUID.randomUUID();
		UUID waiting = UUID.randomUUID();
		packed(collected, PackagingStatusChanged.Status.PACKED, NINE);
		packed(waiting, PackagingStatusChanged.Status.PACKED, NINE);
		this.orderStatus.readKeyValuesToList();

		this.sales.pipeInput(collected.toString(), new SalesStatusChanged(collected,
				SalesStatusChanged.Status.HANDED_OVER, NINE.plusSeconds(60), "counter-1"));
		packed(collected, PackagingStatusChanged.Status.PACKED, NINE);
		baked(collected, BakingStatusChanged.Status.BAKED, NINE);

		assertThat(this.orderStatus.readKeyValuesToList()).as("a tombstone, and nothing after it")
			.containsExactly(new KeyValue<>(collected.toString(), null));
		assertThat(onTheShelf(collected)).isNull();
		assertThat(onTheShelf(waiting).status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
	}

	@Test
	void countsThePiecesBakedPerProductInEachMinuteOnceTheyAreBakedAndEachOrderOnce() {
		start();
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		UUID third = UUID.randomUUID();
		baked(first, BakingStatusChanged.Status.IN_OVEN, NINE.plusSeconds(5));
		baked(first, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(10));
		baked(second, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(50));
		baked(third, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(70));
		// The relay delivers at least once: the same event again.
		baked(first, BakingStatusChanged.Status.BAKED, NINE.plusSeconds(10));

		WindowStore<String, Long> counts = this.driver.getWindowStore(ShelfTopology.BAKED_PER_MINUTE_STORE);
		Instant ten = NINE.plus(Duration.ofMinutes(10));
		assertThat(counts.fetch("BREZEL", NINE, ten)).toIterable()
			.containsExactly(new KeyValue<>(NINE.toEpochMilli(), 6L),
					new KeyValue<>(NINE.plusSeconds(60).toEpochMilli(), 3L));
		assertThat(counts.fetch("BROETCHEN", NINE, ten)).toIterable()
			.containsExactly(new KeyValue<>(NINE.toEpochMilli(), 10L),
					new KeyValue<>(NINE.plusSeconds(60).toEpochMilli(), 5L));
	}

	@Test
	void theAbortSwitchFailsTheFirstTransactionOnceAfterItsRecordWasPassedOn() {
		this.abortOnce.set(true);
		start();
		UUID order = UUID.randomUUID();

		assertThatExceptionOfType(StreamsException.class).isThrownBy(() -> placed(order, NINE))
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(this.abortOnce).isFalse();
		baked(order, BakingStatusChanged.Status.IN_OVEN, NINE.plusSeconds(1));
		assertThat(this.orderStatus.readKeyValuesToList()).last()
			.isEqualTo(status(order, OrderStatus.IN_OVEN, NINE.plusSeconds(1)));
	}

	private CurrentStatus onTheShelf(UUID order) {
		ValueAndTimestamp<CurrentStatus> entry = this.driver
			.<String, CurrentStatus>getTimestampedKeyValueStore(ShelfTopology.SHELF_STORE)
			.get(order.toString());
		return (entry != null) ? entry.value() : null;
	}

	private void placed(UUID order, Instant at) {
		this.orders.pipeInput(order.toString(), new OrderPlaced(order, "Anna", PRETZELS_AND_ROLLS, at));
	}

	private void baked(UUID order, BakingStatusChanged.Status status, Instant at) {
		this.baking.pipeInput(order.toString(),
				new BakingStatusChanged(order, status, PRETZELS_AND_ROLLS, at, "bakehouse-1"));
	}

	private void packed(UUID order, PackagingStatusChanged.Status status, Instant at) {
		this.packaging.pipeInput(order.toString(), new PackagingStatusChanged(order, status, at, "packaging-1"));
	}

	private static KeyValue<String, CurrentStatus> status(UUID order, OrderStatus status, Instant at) {
		return new KeyValue<>(order.toString(), new CurrentStatus(status, at));
	}

}
