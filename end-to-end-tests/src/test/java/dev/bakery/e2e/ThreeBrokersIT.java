package dev.bakery.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bakery.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The bakery on a real cluster of three Kafka brokers and a KRaft controller, each a
 * process of its own ({@link KafkaCluster}): every topic has three replicas, and a write
 * with {@code acks=all}, as the departments' producers send it, needs two of them in
 * sync. While orders flow, the broker that leads most partitions of {@code bakery.orders}
 * is killed with SIGKILL: its partitions get new leaders and every order still reaches
 * the counter exactly once, nothing dead-lettered. Then a second broker is killed: with
 * one replica left the cluster refuses every write, yet the till still takes orders and
 * keeps their events in its outbox, and they reach the counter once the brokers return.
 * Prints its figures as {@code RELIABILITY} and {@code FAILOVER} lines.
 */
class ThreeBrokersIT {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	/** The key of a record the test tries to write while the cluster refuses writes. */
	private static final String PROBE = "probe-" + UUID.randomUUID();

	private static KafkaCluster cluster;

	private static RunningBakery bakery;

	@BeforeAll
	static void openTheBakeryOnThreeBrokers() {
		cluster = new KafkaCluster();
		cluster.start();
		bakery = RunningBakery
			.withKafka(cluster.bootstrapServers(), "bakery.time-scale=0.005", "bakery.outbox.poll-interval=50ms")
			.startAll();
	}

	@AfterAll
	static void closeIt() {
		try {
			if (bakery != null) {
				bakery.close();
			}
		}
		finally {
			if (cluster != null) {
				cluster.close();
			}
		}
	}

	@Test
	void aKilledLeaderFailsOverAndWithTwoBrokersDownTheEventsWaitInTheOutboxUntilTheyReturn() throws Exception {
		// The topics the departments declared (without a replication factor) and the
		// consumer groups' offsets have the broker default: three replicas, all in sync.
		assertFullyReplicated(Topics.ORDERS);
		for (String topic : Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(Topics::deadLetter)).toList()) {
			assertThat(cluster.describe(topic).partitions()).as(topic)
				.hasSize(12)
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
		}
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(cluster.describe("__consumer_offsets").partitions())
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3)));

		// Orders flow; the broker that leads most partitions of bakery.orders is killed.
		Map<Integer, List<Integer>> leaders;
		int first;
		Instant killed;
		List<Placed> placed;
		try (Customers customers = new Customers(Duration.ofMillis(200))) {
			await().atMost(PATIENCE)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> ready(customers.placedSince(Instant.MIN)) >= 10);
			leaders = cluster.leaders(Topics.ORDERS);
			first = mostPartitions(leaders);
			killed = Instant.now();
			cluster.kill(first);
			// The orders keep coming until ten placed after the kill have reached the
			// counter.
			await().atMost(PATIENCE)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> ready(customers.placedSince(killed)) >= 10);
			placed = customers.stop();
		}
		List<UUID> streamed = placed.stream().map(Placed::orderId).toList();

		bakery.awaitReadyForPickup(streamed, PATIENCE);
		bakery.assertEachCompletedExactlyOnce(streamed);
		assertThat(deadLettered(streamed)).as("dead-lettered orders").isEmpty();
		Map<Integer, List<Integer>> leadersNow = cluster.leaders(Topics.ORDERS);
		assertThat(leadersNow).as("leaders of bakery.orders after the kill").doesNotContainKey(first);
		assertThat(leadersNow.values().stream().mapToInt(List::size).sum()).as("partitions with a leader")
			.isEqualTo(12);
		bakery.report("a broker leading " + leaders.get(first).size()
				+ " of 12 partitions killed (kill -9) mid-stream, three brokers", streamed, 0);
		reportFailover(first, leaders.get(first).size(), killed, placed);

		// A second broker is killed: one replica left, fewer than min.insync.replicas.
		int second = mostPartitions(leadersNow);
		int survivor = KafkaCluster.BROKERS.stream()
			.filter((broker) -> broker != first && broker != second)
			.findFirst()
			.orElseThrow();
		cluster.kill(second);
		List<UUID> waiting = new ArrayList<>();
		Instant restarted;
		Instant returned;
		try {
			// The till answers 201 while the cluster fails over...
			waiting.addAll(placeOrders(5, 1000));
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(cluster.describe(Topics.ORDERS).partitions()).allSatisfy(
						(partition) -> assertThat(partition.isr()).extracting(Node::id).containsExactly(survivor)));
			// ...and while it refuses every write with acks=all...
			assertWritesAreRefused();
			waiting.addAll(placeOrders(5, 1005));
			// ...and the events wait in the till's outbox, none at the counter.
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(waitingInTheTillsOutbox(waiting)).as("events waiting in the outbox")
					.containsExactlyInAnyOrderElementsOf(waiting));
			assertThat(bakery.readyForPickup()).doesNotContainAnyElementsOf(waiting);
		}
		finally {
			restarted = Instant.now();
			cluster.start(first, second);
			returned = Instant.now();
		}

		bakery.awaitReadyForPickup(waiting, PATIENCE);
		Duration arrival = Duration.between(restarted, Instant.now());
		List<UUID> all = Stream.concat(streamed.stream(), waiting.stream()).toList();
		bakery.assertEachCompletedExactlyOnce(all);
		assertThat(deadLettered(all)).as("dead-lettered orders").isEmpty();
		assertThat(KafkaTopics.readAll(Topics.ORDERS, cluster.bootstrapServers())).as("keys on bakery.orders")
			.extracting(ConsumerRecord::key)
			.doesNotContain(PROBE);
		// The cluster heals: the returned brokers catch up and are in sync again.
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.untilAsserted(() -> assertFullyReplicated(Topics.ORDERS));
		bakery.report("two of three brokers killed while orders were placed", waiting, 0);
		System.out.printf(
				"FAILOVER two of three brokers down: the till answered 201 to %d orders, their events waited in its"
						+ " outbox; all ready for pickup %.1f s after the brokers were started again (%.1f s until"
						+ " both had registered)%n",
				waiting.size(), seconds(arrival), seconds(Duration.between(restarted, returned)));
		reportSentAgain(all);
	}

	/** How many of these orders the counter has ready for pickup. */
	private static long ready(List<UUID> orders) {
		return bakery.readyForPickup().stream().filter(orders::contains).count();
	}

	/** Every partition has three replicas, all in sync. */
	private static void assertFullyReplicated(String topic) throws ExecutionException, InterruptedException {
		assertThat(cluster.describe(topic).partitions()).as(topic).hasSize(12).allSatisfy((partition) -> {
			assertThat(partition.replicas()).hasSize(3);
			assertThat(partition.isr()).hasSize(3);
		});
	}

	/**
	 * A write with {@code acks=all}, tried once, is refused: fewer replicas in sync than
	 * {@code min.insync.replicas}. The broker refuses it before appending it, so it never
	 * reaches the topic (checked at the end). Each try with a new producer, which must
	 * first find the one broker that is left.
	 */
	private static void assertWritesAreRefused() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
							ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
					new StringSerializer(), new StringSerializer())) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORDERS, PROBE, "refused"))
						.get(15, TimeUnit.SECONDS))
					.withCauseInstanceOf(NotEnoughReplicasException.class);
			}
		});
	}

	private static List<UUID> placeOrders(int count, int firstNumber) {
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			placed.add(bakery.placeOrder(firstNumber + i));
		}
		return placed;
	}

	/** Those of these orders whose OrderPlaced the till's relay has not yet published. */
	private static List<UUID> waitingInTheTillsOutbox(List<UUID> orders) {
		return RunningBakery.database(Department.CHECKOUT)
			.sql("SELECT message_key FROM outbox WHERE published_at IS NULL")
			.query(String.class)
			.list()
			.stream()
			.map(UUID::fromString)
			.filter(orders::contains)
			.toList();
	}

	/** The orders with a record on any dead-letter topic. */
	private static List<UUID> deadLettered(List<UUID> orders) {
		return Topics.ALL.stream()
			.flatMap((topic) -> KafkaTopics.readAll(Topics.deadLetter(topic), cluster.bootstrapServers()).stream())
			.map(ConsumerRecord::key)
			.filter((key) -> orders.stream().anyMatch((order) -> order.toString().equals(key)))
			.map(UUID::fromString)
			.toList();
	}

	private static int mostPartitions(Map<Integer, List<Integer>> leaders) {
		return Collections.max(leaders.entrySet(), Comparator.comparingInt((entry) -> entry.getValue().size()))
			.getKey();
	}

	/**
	 * How long the flow stalled after the kill, from when the counter recorded each order
	 * ready for pickup (its own clock, this machine's) and when the till answered 201 for
	 * it.
	 */
	private static void reportFailover(int broker, int partitions, Instant killed, List<Placed> placed) {
		Map<UUID, Instant> ready = readyForPickupAt(placed.stream().map(Placed::orderId).toList());
		List<Instant> times = ready.values().stream().sorted().toList();
		Duration stall = Duration.ZERO;
		Instant stallFrom = killed;
		Instant previous = killed;
		for (Instant time : times) {
			if (time.isAfter(killed)) {
				if (Duration.between(previous, time).compareTo(stall) > 0) {
					stall = Duration.between(previous, time);
					stallFrom = previous;
				}
				previous = time;
			}
			else {
				previous = time;
			}
		}
		List<Placed> meanwhile = placed.stream().filter((order) -> order.at().isAfter(killed)).toList();
		Instant firstReady = meanwhile.stream()
			.map((order) -> ready.get(order.orderId()))
			.min(Comparator.naturalOrder())
			.orElseThrow();
		Duration longest = placed.stream()
			.map((order) -> Duration.between(order.at(), ready.get(order.orderId())))
			.max(Comparator.naturalOrder())
			.orElseThrow();
		Duration longestBefore = placed.stream()
			.filter((order) -> ready.get(order.orderId()).isBefore(killed))
			.map((order) -> Duration.between(order.at(), ready.get(order.orderId())))
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
		Duration slowestAnswer = meanwhile.stream().map(Placed::took).max(Comparator.naturalOrder()).orElseThrow();
		System.out.printf(
				"FAILOVER pause after killing broker %d (leader of %d of 12 partitions of bakery.orders): no order"
						+ " reached the counter for %.1f s (from %.1f s to %.1f s after the kill); the first order"
						+ " placed after the kill was ready %.1f s after it; till to counter at most %.1f s (%.1f s"
						+ " before the kill); the till answered 201 to all %d orders placed meanwhile, the slowest"
						+ " in %d ms%n",
				broker, partitions, seconds(stall), seconds(Duration.between(killed, stallFrom)),
				seconds(Duration.between(killed, stallFrom.plus(stall))), seconds(Duration.between(killed, firstReady)),
				seconds(longest), seconds(longestBefore), meanwhile.size(), slowestAnswer.toMillis());
	}

	/**
	 * Records on the topics beyond one per event: a relay that got no acknowledgement in
	 * time sends the event again, and the consumers, idempotent, ignore the second copy.
	 */
	private static void reportSentAgain(List<UUID> orders) {
		Map<String, Long> expected = Map.of(Topics.ORDERS, 1L, Topics.BAKING_STATUS, 2L, Topics.PACKAGING_STATUS, 2L);
		String counts = Topics.ALL.stream().map((topic) -> {
			Map<String, Long> perOrder = KafkaTopics.readAll(topic, cluster.bootstrapServers())
				.stream()
				.map(ConsumerRecord::key)
				.filter((key) -> orders.stream().anyMatch((order) -> order.toString().equals(key)))
				.collect(Collectors.groupingBy((key) -> key, Collectors.counting()));
			long beyond = perOrder.values().stream().mapToLong((count) -> count - expected.get(topic)).sum();
			return topic + "=" + beyond;
		}).collect(Collectors.joining(" "));
		System.out.printf("FAILOVER records sent again after a missing ack, ignored by the idempotent consumers: %s%n",
				counts);
	}

	/** When the counter recorded each of these orders as ready for pickup. */
	private static Map<UUID, Instant> readyForPickupAt(List<UUID> orders) {
		return RunningBakery.database(Department.SALES)
			.sql("SELECT order_id, recorded_at FROM timeline WHERE status = 'READY_FOR_PICKUP'")
			.query((row, number) -> Map.entry(row.getObject("order_id", UUID.class),
					row.getTimestamp("recorded_at").toInstant()))
			.list()
			.stream()
			.filter((entry) -> orders.contains(entry.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/** An order the till answered 201 for: when, and how long the answer took. */
	private record Placed(UUID orderId, Instant at, Duration took) {

	}

	/**
	 * Customers at the till, one order every interval on a thread of their own, until
	 * stopped; the till must answer each with 201.
	 */
	private static final class Customers implements AutoCloseable {

		private final List<Placed> placed = new CopyOnWriteArrayList<>();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final ScheduledExecutorService till = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "customers"));

		private final AtomicInteger number = new AtomicInteger();

		Customers(Duration interval) {
			// A refused order ends the stream: the failure is kept, and the task throws,
			// which stops its repetition.
			this.till.scheduleWithFixedDelay(() -> {
				try {
					long started = System.nanoTime();
					UUID orderId = bakery.placeOrder(this.number.getAndIncrement());
					this.placed.add(new Placed(orderId, Instant.now(), Duration.ofNanos(System.nanoTime() - started)));
				}
				catch (Throwable ex) {
					this.failure.set(ex);
					throw ex;
				}
			}, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * The orders placed after this moment; fails at once if the till refused one.
		 */
		List<UUID> placedSince(Instant moment) {
			if (this.failure.get() != null) {
				throw new AssertionError("The till did not take an order", this.failure.get());
			}
			return this.placed.stream().filter((order) -> order.at().isAfter(moment)).map(Placed::orderId).toList();
		}

		/**
		 * Stops the customers; fails if the till answered any of them with anything but
		 * 201.
		 */
		List<Placed> stop() throws InterruptedException {
			close();
			if (this.failure.get() != null) {
				throw new AssertionError("The till did not take an order", this.failure.get());
			}
			return List.copyOf(this.placed);
		}

		/** Stops the customers, whatever the till answered. */
		@Override
		public void close() throws InterruptedException {
			this.till.shutdown();
			this.till.awaitTermination(30, TimeUnit.SECONDS);
		}

	}

}
