package dev.bakery.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;

import dev.bakery.events.OrderLine;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.infrastructure.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shelf, the counter's Kafka Streams topology ({@code processing.guarantee=
 * exactly_once_v2}), survives being killed mid-stream. The counter runs as a real process
 * ({@link DepartmentProcess}), the other three departments in this JVM. While customers
 * place orders, and the shelf has written some of their statuses to
 * {@code bakery.order-status}, the counter is killed with SIGKILL, in the middle of a
 * Kafka transaction as likely as not, and a new one is started on the same state
 * directory. Then some orders are handed over, and the test checks what a downstream
 * reader with {@code isolation.level=read_committed} sees: each status of each order at
 * most once and in the flow's order, the latest one the counter's read model's (a
 * tombstone for a handed-over order); the shelf's own answers agree; and every piece
 * baked is counted once in the per-minute windows. Prints its figures as {@code SHELF}
 * and {@code RELIABILITY} lines.
 */
class ShelfIT {

	private static final String[] SETTINGS = { "bakery.time-scale=0.005", "bakery.outbox.poll-interval=50ms" };

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final int ORDERS = 40;

	private static final Duration PACE = Duration.ofMillis(200);

	/** The counter is killed once the shelf has written statuses of this many orders. */
	private static final int ON_THE_SHELF_AT_THE_KILL = 8;

	/**
	 * The shelf's transactions last this long (exactly_once_v2's default is 100 ms), so
	 * that the kill finds one open, with records written, and the new shelf has that much
	 * input to read again.
	 */
	private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

	/** The per-minute counts are asked for this far back: all the broker has. */
	private static final int MINUTES = 120;

	private static final List<String> MENU = List.of("BREZEL", "BROETCHEN", "CROISSANT", "LAUGENSTANGE", "ROGGENBROT",
			"APFELSTRUDEL");

	/** How the test writes a record without value, a handed-over order's. */
	private static final String TOMBSTONE = "tombstone";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The counter's own configuration file, as the process reads it. */
	private static final Binder SALES_SERVICE_YML = salesServiceYml();

	private static final Path STATE_DIR = Path.of("target", "processes", "shelf-state").toAbsolutePath();

	private static Admin admin;

	private static int port;

	private static DepartmentProcess counter;

	private static RunningBakery bakery;

	@BeforeAll
	static void openTheBakeryWithTheCounterInAProcessOfItsOwn() throws IOException {
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()));
		FileSystemUtils.deleteRecursively(STATE_DIR);
		port = DepartmentProcess.freePort();
		counter = startCounter("shelf-1");
		bakery = new RunningBakery(SETTINGS);
		bakery.runsElsewhere(Department.SALES, counter.url());
		bakery.start(Department.PACKAGING);
		bakery.start(Department.BAKEHOUSE);
		bakery.start(Department.CHECKOUT);
	}

	@AfterAll
	static void closeIt() throws Exception {
		try {
			if (bakery != null) {
				bakery.close();
			}
		}
		finally {
			if (counter != null) {
				counter.close();
			}
			admin.close();
		}
	}

	@Test
	void aKilledShelfResumesWithOneLatestStatusPerOrderAndEachBakeCountedOnce() throws Exception {
		Map<String, Long> bakedBefore = awaitSettledBakedCounts();
		long firstOffset = endOffset(Topics.ORDER_STATUS);

		List<Placed> placed;
		Instant started = Instant.now();
		Kill kill;
		Instant healthyAgain;
		try (FollowedTopic committed = new FollowedTopic(IsolationLevel.READ_COMMITTED);
				FollowedTopic uncommitted = new FollowedTopic(IsolationLevel.READ_UNCOMMITTED)) {
			try (Customers customers = new Customers(ORDERS, PACE)) {
				// Mid-stream: the shelf has written statuses of some orders, and
				// customers are still placing others. And inside a transaction: the
				// shelf has written records to the topic that it has not committed.
				await().atMost(PATIENCE)
					.pollInterval(Duration.ofMillis(20))
					.until(() -> latestStatuses(committed.records(), customers.ids()).size() >= ON_THE_SHELF_AT_THE_KILL
							&& uncommittedRecords() > 0);
				long open = uncommittedRecords();
				counter.kill();
				List<UUID> placedBefore = customers.ids();
				Map<UUID, String> latestBefore = latestStatuses(committed.records(), placedBefore);
				kill = new Kill(Duration.between(started, Instant.now()), placedBefore.size(),
						countOf(committed.records(), placedBefore), latestBefore.size(),
						latestBefore.values().stream().filter("READY_FOR_PICKUP"::equals).count(), open);
				assertThat(kill.placed()).as("orders placed when the counter was killed").isLessThan(ORDERS);

				counter = startCounter("shelf-2");
				healthyAgain = Instant.now();
				placed = customers.awaitAll(PATIENCE);
			}
			List<UUID> orders = placed.stream().map(Placed::orderId).toList();
			bakery.awaitReadyForPickup(orders, PATIENCE);
			bakery.report("the counter and its shelf killed (kill -9) mid-stream", orders, 0);
			List<UUID> handedOver = handOverEveryThird(orders);

			// Every order's latest record on bakery.order-status: a tombstone for a
			// handed-over one, the status the counter shows for the others.
			await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				Map<UUID, String> latest = latestStatuses(committed.records(), orders);
				assertThat(latest).as("orders on bakery.order-status").containsOnlyKeys(orders);
				for (UUID orderId : orders) {
					assertThat(latest.get(orderId)).as("latest record of %s", orderId)
						.isEqualTo(handedOver.contains(orderId) ? TOMBSTONE : "READY_FOR_PICKUP");
				}
			});
			Duration caughtUp = Duration.between(started, Instant.now());
			bakery.assertEachCompletedExactlyOnce(orders);

			assertTheTopicIsCompactedAsDocumented();
			List<ConsumerRecord<String, byte[]>> followed = committed.records();
			assertEachStatusOnceInTheFlowsOrder(followed, orders);
			assertTheLatestRecordIsTheCountersStatus(readFromTheBeginning(IsolationLevel.READ_COMMITTED), orders,
					handedOver);
			assertTheShelfAgreesWithTheCounter(orders, handedOver);
			Map<String, Long> counted = assertEachBakeCountedOnce(bakedBefore, placed);

			List<ConsumerRecord<String, byte[]>> seen = uncommitted.records();
			Set<Long> committedOffsets = followed.stream().map(ConsumerRecord::offset).collect(Collectors.toSet());
			List<ConsumerRecord<String, byte[]>> aborted = seen.stream()
				.filter((record) -> record.offset() >= firstOffset && !committedOffsets.contains(record.offset()))
				.toList();
			System.out.printf(
					"SHELF killed after %.1f s, with %d of %d orders placed, %d records of %d orders committed on %s (%d"
							+ " of them ready for pickup) and %d written in its open transaction; a new counter healthy"
							+ " %.1f s after the kill; every status on the topic %.1f s after the first order; %d orders"
							+ " handed over (tombstones)%n",
					seconds(kill.after()), kill.placed(), ORDERS, kill.records(), kill.orders(), Topics.ORDER_STATUS,
					kill.ready(), kill.open(), seconds(Duration.between(started.plus(kill.after()), healthyAgain)),
					seconds(caughtUp), handedOver.size());
			System.out.printf(
					"SHELF read_committed: %d records of the test's orders, each status at most once per order;"
							+ " read_uncommitted: %d records since the test began that no committed transaction holds"
							+ " (aborted), %d of them the test's orders'; pieces baked as counted per minute: %s%n",
					countOf(followed, orders), aborted.size(), countOf(aborted, orders), counted);
		}
	}

	/**
	 * The counter, a sales-service process, on the same port and state directory each
	 * time.
	 */
	private static DepartmentProcess startCounter(String instanceId) throws IOException {
		List<String> properties = new ArrayList<>(List.of(SETTINGS));
		properties.add("spring.kafka.streams.state-dir=" + STATE_DIR);
		properties.add("spring.kafka.streams.properties.commit.interval.ms=" + COMMIT_INTERVAL.toMillis());
		return DepartmentProcess.start(Department.SALES, instanceId, port, Department.SALES.database,
				properties.toArray(String[]::new));
	}

	private static List<UUID> handOverEveryThird(List<UUID> orders) {
		List<UUID> handedOver = new ArrayList<>();
		for (int i = 0; i < orders.size(); i += 3) {
			JsonNode order = bakery.http(Department.SALES)
				.post()
				.uri("/orders/{id}/pickup", orders.get(i))
				.retrieve()
				.body(JsonNode.class);
			assertThat(order.get("status").asString()).isEqualTo("HANDED_OVER");
			handedOver.add(orders.get(i));
		}
		return handedOver;
	}

	/**
	 * (a) {@code bakery.order-status} has the settings sales-service.yml documents under
	 * {@code bakery.shelf.topic}, read from that file, and one partition.
	 */
	private static void assertTheTopicIsCompactedAsDocumented() throws Exception {
		Map<String, String> documented = SALES_SERVICE_YML
			.bind("bakery.shelf.topic", Bindable.mapOf(String.class, String.class))
			.get();
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ORDER_STATUS);
		Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
		Map<String, String> actual = new TreeMap<>();
		documented.keySet().forEach((name) -> actual.put(name, config.get(name).value()));

		assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
		assertThat(actual).as("settings of %s", Topics.ORDER_STATUS).isEqualTo(new TreeMap<>(documented));
		assertThat(admin.describeTopics(List.of(Topics.ORDER_STATUS))
			.allTopicNames()
			.get()
			.get(Topics.ORDER_STATUS)
			.partitions()).hasSize(1);
	}

	/**
	 * (b) Every order's records, as a read_committed reader saw them while they were
	 * written (before the log cleaner could remove any): each status at most once, in the
	 * flow's order. A step that reached the shelf after a later one is dropped, so an
	 * order may miss one; none may have one twice, the kill notwithstanding.
	 */
	private static void assertEachStatusOnceInTheFlowsOrder(List<ConsumerRecord<String, byte[]>> records,
			List<UUID> orders) {
		Map<String, List<String>> byOrder = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			byOrder.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(statusOf(record));
		}
		List<String> flow = new ArrayList<>(RunningBakery.FLOW);
		flow.add(TOMBSTONE);
		for (UUID orderId : orders) {
			List<Integer> stages = byOrder.get(orderId.toString()).stream().map(flow::indexOf).toList();
			assertThat(stages)
				.as("statuses of %s on %s: %s", orderId, Topics.ORDER_STATUS, byOrder.get(orderId.toString()))
				.doesNotContain(-1)
				.doesNotHaveDuplicates()
				.isSorted();
		}
	}

	/**
	 * (b) A new read_committed reader, from the beginning of the compacted topic: the
	 * latest record of every order is the status of the counter's read model, or a
	 * tombstone for an order handed over.
	 */
	private static void assertTheLatestRecordIsTheCountersStatus(List<ConsumerRecord<String, byte[]>> records,
			List<UUID> orders, List<UUID> handedOver) {
		Map<UUID, String> latest = latestStatuses(records, orders);
		for (UUID orderId : orders) {
			String status = bakery.salesOrder(orderId).get("status").asString();
			assertThat(status).as("the counter's status of %s", orderId)
				.isEqualTo(handedOver.contains(orderId) ? "HANDED_OVER" : "READY_FOR_PICKUP");
			assertThat(latest.get(orderId)).as("latest record of %s", orderId)
				.isEqualTo(status.equals("HANDED_OVER") ? TOMBSTONE : status);
		}
	}

	/**
	 * (c) {@code GET /shelf/{id}}, the KTable read back from the topic, answers what the
	 * counter's read model does: 404 for a handed-over order.
	 */
	private static void assertTheShelfAgreesWithTheCounter(List<UUID> orders, List<UUID> handedOver) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (UUID orderId : orders) {
				ResponseEntity<JsonNode> shelved = bakery.http(Department.SALES)
					.get()
					.uri("/shelf/{id}", orderId)
					.retrieve()
					.onStatus((status) -> true, (request, response) -> {
					})
					.toEntity(JsonNode.class);
				String status = bakery.salesOrder(orderId).get("status").asString();
				if (handedOver.contains(orderId)) {
					assertThat(shelved.getStatusCode()).as("the shelf on %s", orderId).isEqualTo(HttpStatus.NOT_FOUND);
					assertThat(status).isEqualTo("HANDED_OVER");
				}
				else {
					assertThat(shelved.getStatusCode()).as("the shelf on %s", orderId).isEqualTo(HttpStatus.OK);
					assertThat(shelved.getBody().get("status").asString()).as("the shelf on %s", orderId)
						.isEqualTo(status);
				}
			}
		});
	}

	/**
	 * (d) Once the shelf has read everything, the pieces it counted per product, over all
	 * minutes, grew by exactly the pieces the customers ordered: each order was baked
	 * once, and no window count was added twice across the kill. The test counts the
	 * growth because the broker may hold other tests' bakes.
	 */
	private static Map<String, Long> assertEachBakeCountedOnce(Map<String, Long> before, List<Placed> placed)
			throws Exception {
		Map<String, Long> ordered = new TreeMap<>();
		placed.stream()
			.flatMap((order) -> order.lines().stream())
			.forEach((line) -> ordered.merge(line.product(), (long) line.quantity(), Long::sum));
		Map<String, Long> after = awaitSettledBakedCounts();
		Map<String, Long> counted = new TreeMap<>();
		after.forEach((product, pieces) -> {
			long growth = pieces - before.getOrDefault(product, 0L);
			if (growth != 0) {
				counted.put(product, growth);
			}
		});
		assertThat(counted).as("pieces counted per product in %s's windows since the test began", "baked-per-minute")
			.isEqualTo(ordered);
		return counted;
	}

	/**
	 * The pieces per product the shelf has counted over all minutes, once it has read all
	 * its input and the counts have stopped changing.
	 */
	private static Map<String, Long> awaitSettledBakedCounts() {
		AtomicReference<Map<String, Long>> previous = new AtomicReference<>(Map.of());
		return await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			Map<String, Long> now = bakedCounts();
			return (shelfLag() == 0 && now.equals(previous.getAndSet(now))) ? now : null;
		}, (counts) -> counts != null);
	}

	private static Map<String, Long> bakedCounts() {
		JsonNode minutes = bakery.http(Department.SALES)
			.get()
			.uri("/shelf/baked-per-minute?minutes={minutes}", MINUTES)
			.retrieve()
			.body(JsonNode.class);
		Map<String, Long> pieces = new TreeMap<>();
		minutes.forEach(
				(minute) -> pieces.merge(minute.get("product").asString(), minute.get("pieces").asLong(), Long::sum));
		return pieces;
	}

	/**
	 * Records not yet read and committed by the shelf's consumer group on its input
	 * topics and its repartition topic.
	 */
	private static long shelfLag() throws Exception {
		String group = SALES_SERVICE_YML.bind("spring.kafka.streams.application-id", String.class).get();
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> inputs = new HashMap<>();
		admin.describeTopics(Topics.ALL)
			.allTopicNames()
			.get()
			.values()
			.forEach((topic) -> topic.partitions()
				.forEach((partition) -> inputs.put(new TopicPartition(topic.name(), partition.partition()),
						OffsetSpec.latest())));
		committed.keySet()
			.stream()
			.filter((partition) -> partition.topic().endsWith("-repartition"))
			.forEach((partition) -> inputs.put(partition, OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(inputs).all().get().entrySet()) {
			OffsetAndMetadata position = committed.get(end.getKey());
			long behind = end.getValue().offset() - ((position != null) ? position.offset() : 0);
			lag += behind;
		}
		return lag;
	}

	/**
	 * Records on {@code bakery.order-status} in a transaction still open: from the last
	 * stable offset, where a read_committed reader must stop, to the end of the log.
	 */
	private static long uncommittedRecords() throws Exception {
		TopicPartition partition = new TopicPartition(Topics.ORDER_STATUS, 0);
		long stable = admin
			.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get()
			.get(partition)
			.offset();
		return endOffset(Topics.ORDER_STATUS) - stable;
	}

	private static long endOffset(String topic) throws Exception {
		TopicPartition partition = new TopicPartition(topic, 0);
		return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
	}

	private static List<ConsumerRecord<String, byte[]>> readFromTheBeginning(IsolationLevel isolation) {
		try (TopicReader reader = new TopicReader(Topics.ORDER_STATUS, kafka(), isolation)) {
			return reader.all();
		}
	}

	/** A record's status, or {@value #TOMBSTONE}. */
	private static String statusOf(ConsumerRecord<String, byte[]> record) {
		return (record.value() != null) ? json.readTree(record.value()).get("status").asString() : TOMBSTONE;
	}

	/** The latest status on the topic of each of these orders that has a record. */
	private static Map<UUID, String> latestStatuses(List<ConsumerRecord<String, byte[]>> records, List<UUID> orders) {
		Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
		Map<UUID, String> latest = new LinkedHashMap<>();
		records.stream()
			.filter((record) -> keys.contains(record.key()))
			.forEach((record) -> latest.put(UUID.fromString(record.key()), statusOf(record)));
		return latest;
	}

	private static long countOf(List<ConsumerRecord<String, byte[]>> records, List<UUID> orders) {
		Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
		return records.stream().filter((record) -> keys.contains(record.key())).count();
	}

	private static Binder salesServiceYml() {
		try {
			return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("sales-service.yml",
					new ClassPathResource("sales-service.yml"))));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read sales-service.yml", ex);
		}
	}

	private static String kafka() {
		return Infrastructure.get().kafkaBootstrapServers();
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/** What the shelf had done when the counter was killed. */
	private record Kill(Duration after, int placed, long records, int orders, long ready, long open) {

	}

	/** An order the till answered 201 for, and what it holds. */
	private record Placed(UUID orderId, List<OrderLine> lines) {

	}

	/**
	 * {@code bakery.order-status} read from its beginning, on a thread of its own, as it
	 * is written: the log cleaner removes a record no sooner than 20 s after it was
	 * written ({@code min.compaction.lag.ms}), so this reader sees every record,
	 * superseded ones and tombstones included, even across the counter's restart.
	 */
	private static final class FollowedTopic implements AutoCloseable {

		private final TopicReader reader;

		private final ScheduledExecutorService follower;

		private volatile List<ConsumerRecord<String, byte[]>> records = List.of();

		private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		FollowedTopic(IsolationLevel isolation) {
			this.reader = new TopicReader(Topics.ORDER_STATUS, kafka(), isolation);
			this.follower = Executors.newSingleThreadScheduledExecutor(
					(task) -> new Thread(task, "follow-" + Topics.ORDER_STATUS + "-" + isolation));
			this.follower.scheduleWithFixedDelay(() -> {
				try {
					this.records = this.reader.all();
				}
				catch (RuntimeException ex) {
					this.failure.set(ex);
					throw ex;
				}
			}, 0, 100, TimeUnit.MILLISECONDS);
		}

		/** The records read so far, in the order they were written. */
		List<ConsumerRecord<String, byte[]>> records() {
			if (this.failure.get() != null) {
				throw new IllegalStateException("Could not follow " + Topics.ORDER_STATUS, this.failure.get());
			}
			return this.records;
		}

		@Override
		public void close() throws InterruptedException {
			this.follower.shutdown();
			this.follower.awaitTermination(30, TimeUnit.SECONDS);
			this.reader.close();
		}

	}

	/**
	 * Customers at the till, one order every interval on a thread of their own, each of
	 * one or two products, more than one piece of each, until they have placed their
	 * orders; the till must answer each with 201.
	 */
	private static final class Customers implements AutoCloseable {

		private final List<Placed> placed = new CopyOnWriteArrayList<>();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final ScheduledExecutorService till = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "customers"));

		private final int count;

		Customers(int count, Duration interval) {
			this.count = count;
			this.till.scheduleWithFixedDelay(this::placeNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		}

		private void placeNext() {
			int number = this.placed.size();
			if (number == this.count || this.failure.get() != null) {
				this.till.shutdown();
				return;
			}
			try {
				List<OrderLine> lines = new ArrayList<>();
				lines.add(new OrderLine(MENU.get(number % MENU.size()), 2 + number % 5));
				if (number % 2 == 1) {
					lines.add(new OrderLine(MENU.get((number + 3) % MENU.size()), 2 + number % 3));
				}
				this.placed.add(new Placed(bakery.placeOrder("Customer " + number, lines), lines));
			}
			catch (Throwable ex) {
				this.failure.set(ex);
			}
		}

		/** The orders placed so far; fails at once if the till refused one. */
		List<UUID> ids() {
			if (this.failure.get() != null) {
				throw new AssertionError("The till did not take an order", this.failure.get());
			}
			return this.placed.stream().map(Placed::orderId).toList();
		}

		/** Waits until every customer has placed an order, and returns them. */
		List<Placed> awaitAll(Duration atMost) {
			await().atMost(atMost).until(() -> ids().size() == this.count);
			return List.copyOf(this.placed);
		}

		@Override
		public void close() throws InterruptedException {
			this.till.shutdown();
			this.till.awaitTermination(30, TimeUnit.SECONDS);
		}

	}

}
