package dev.bakery.labs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery lab brokers}: replication, failover and {@code min.insync.replicas},
 * measured. Against a bakery opened with {@code ./bakery up --brokers 3}, while the lab
 * places an order every half second:
 * <ol>
 * <li>all three brokers up: how long an order takes from the till's answer to
 * {@code bakery.orders} (the outbox relay and the write to three replicas);</li>
 * <li>{@code kafka-2} crashes ({@code kill -9}): once the controller misses its
 * heartbeats, its partitions get new leaders and the in-sync replicas shrink to two; the
 * orders keep reaching Kafka, and the longest delay is how long the flow paused for the
 * partitions it led;</li>
 * <li>{@code kafka-3} stops too: one in-sync replica is fewer than
 * {@code min.insync.replicas=2}, so the brokers refuse the till's {@code acks=all} writes
 * (NOT_ENOUGH_REPLICAS); the till still answers 201, and its outbox keeps the
 * orders;</li>
 * <li>both start again: they catch up and rejoin the in-sync replicas, the waiting orders
 * flow, and every order reaches the counter, once.</li>
 * </ol>
 * The lab reads {@code bakery.orders} itself (a consumer of its own, no group), so it
 * sees when each order arrives there and how often. Settings from the environment:
 * {@code PHASE_SECONDS} (how long each of the first three steps lasts, 15),
 * {@code ORDER_EVERY_MS} (milliseconds between two orders, 500; the bake house keeps up
 * with about one order a second at the demo's time scale).
 */
public final class BrokersLab {

	private static final Part SECOND = new Part(Part.KAFKA, 2);

	private static final Part THIRD = new Part(Part.KAFKA, 3);

	private static final Duration PATIENCE = Duration.ofMinutes(5);

	private final Bakery bakery;

	private final PrintStream out;

	private final BakeryClient client;

	private final Duration phase;

	private final Duration every;

	/** Each lab order: when the till answered it. */
	private final Map<String, Long> placed = new ConcurrentHashMap<>();

	/** Each lab order: when it arrived on bakery.orders (first time). */
	private final Map<String, Long> arrived = new ConcurrentHashMap<>();

	/** Each lab order: how many records of it bakery.orders holds. */
	private final Map<String, Integer> records = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicBoolean reading = new AtomicBoolean(true);

	private final String bootstrapServers;

	private volatile int refused;

	/**
	 * How long each step lasts and how often an order comes.
	 *
	 * @param phase how long each of the first three steps lasts ({@code PHASE_SECONDS},
	 * 15)
	 * @param every the time between two orders ({@code ORDER_EVERY_MS}, 500)
	 */
	public record Phases(Duration phase, Duration every) {

		public static Phases from(Map<String, String> environment) {
			return new Phases(Duration.ofSeconds(Integer.parseInt(environment.getOrDefault("PHASE_SECONDS", "15"))),
					Duration.ofMillis(Integer.parseInt(environment.getOrDefault("ORDER_EVERY_MS", "500"))));
		}

	}

	/**
	 * What the lab measured.
	 *
	 * @param placed orders the till answered 201 for
	 * @param lost of them, not on bakery.orders or not ready for pickup at the counter in
	 * the end
	 * @param doubled events a department recorded twice
	 * @param ledByTheCrashed partitions of bakery.orders kafka-2 led when it crashed
	 * @param stillLedByTheCrashed of those, how many it still led afterwards (none, once
	 * the controller noticed)
	 * @param placedWithTwoDown orders the till took while two brokers were down
	 * @param reachedKafkaWithTwoDown of those, how many reached bakery.orders meanwhile
	 * (none: writes are refused)
	 * @param notEnoughReplicas how often the till's producer was told NOT_ENOUGH_REPLICAS
	 * @param fullyInSyncAgain whether every partition had three in-sync replicas again in
	 * the end
	 */
	public record Result(int placed, long lost, long doubled, long ledByTheCrashed, long stillLedByTheCrashed,
			int placedWithTwoDown, long reachedKafkaWithTwoDown, long notEnoughReplicas, boolean fullyInSyncAgain) {

		public boolean kept() {
			return this.lost == 0 && this.doubled == 0;
		}

	}

	public BrokersLab(Bakery bakery, PrintStream out, Phases phases) {
		this.bakery = bakery;
		this.out = out;
		this.client = new BakeryClient(bakery.site());
		this.phase = phases.phase();
		this.every = phases.every();
		this.bootstrapServers = bakery.bootstrapServers();
	}

	public Result run() {
		if (!this.bakery.brokers().cluster()) {
			throw new BakeryFailure("this lab needs three brokers: ./bakery down, then ./bakery up --brokers 3");
		}
		for (Part broker : this.bakery.brokers().brokers()) {
			if (!this.bakery.isServing(broker)) {
				throw new BakeryFailure(broker + " is not running; ./bakery start " + broker + " first");
			}
		}
		if (!this.client.tillAnswers()) {
			throw new BakeryFailure(
					"the till does not answer on localhost:" + this.bakery.port(Part.of(Department.CHECKOUT)));
		}
		Thread reader = new Thread(this::read, "lab-reader");
		Thread till = new Thread(this::placeOrders, "lab-till");
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				10000))) {
			reader.start();
			Bakery.pause(Duration.ofSeconds(2));
			till.start();
			this.out.printf("Lab: an order every %d ms at the till, and three brokers that fail one after another.%n%n",
					this.every.toMillis());

			preferredLeaders(admin);
			this.out.println("1) All three brokers up.");
			Set<String> first = during(this.phase);
			this.out.printf("   %s%n   %s%n", partitions(admin), delays(arriving(first)));

			this.out.printf("%n2) kafka-2 crashes (kill -9), while orders keep coming.%n");
			Map<Integer, Integer> before = leaders(admin);
			this.bakery.kill(SECOND);
			Set<String> second = during(this.phase);
			Map<Integer, Integer> after = leaders(admin);
			long led = before.values().stream().filter((leader) -> leader == 2).count();
			long stillLed = after.values().stream().filter((leader) -> leader == 2).count();
			long moved = led - stillLed;
			this.out.printf("   %d partitions of %s were led by kafka-2; now none is.%n", moved, Topics.ORDERS);
			this.out.printf("   %s%n   %s%n", partitions(admin), delays(arriving(second)));

			this.out.printf("%n3) ./bakery stop kafka-3 as well: one in-sync replica is fewer than "
					+ "min.insync.replicas=2.%n");
			quiet().stop(THIRD);
			int refusedBefore = this.refused;
			Set<String> third = during(this.phase);
			long inKafka = third.stream().filter(this.arrived::containsKey).count();
			this.out.printf("   %s%n", partitions(admin));
			this.out.printf(
					"   the till answered 201 to %d orders (refused %d); %d of them reached Kafka; "
							+ "waiting in the till's outbox: %s%n",
					third.size(), this.refused - refusedBefore, inKafka,
					this.client.waitingInOutbox(Department.CHECKOUT)
						.map(String::valueOf)
						.orElse("unknown (the till does not answer)"));
			long notEnoughReplicas = notEnoughReplicas();
			this.out.printf("   the till's producer was answered NOT_ENOUGH_REPLICAS %d times (%s)%n",
					notEnoughReplicas, this.bakery.workspace().shown(this.bakery.log(Part.of(Department.CHECKOUT))));

			this.out.printf("%n4) ./bakery start kafka-2 and kafka-3.%n");
			long started = System.nanoTime();
			this.running.set(false);
			join(till);
			quiet().start(SECOND);
			quiet().start(THIRD);
			Set<String> all = new TreeSet<>(this.placed.keySet());
			long flowed = await(() -> this.arrived.keySet().containsAll(all));
			this.out.printf("   every waiting order is in Kafka %.1f s after the start.%n", seconds(flowed - started));
			long synced = await(inSyncAgain(admin));
			this.out.printf("   the two brokers caught up and every partition has 3 in-sync replicas again after "
					+ "%.1f s.%n", seconds(synced - started));
			Deque<String> waiting = new ArrayDeque<>(all);
			long counted = await(() -> this.client.takeReadyForPickup(waiting));
			this.out.printf("   every order is ready for pickup at the counter %.1f s after the start.%n",
					seconds(counted - started));

			long sentTwice = all.stream().filter((id) -> this.records.getOrDefault(id, 0) > 1).count();
			long lost = all.stream()
				.filter((id) -> !this.arrived.containsKey(id) || !this.client.readyForPickup(id))
				.count();
			long doubled = new Outboxes(this.bakery).doubledEvents();
			this.out.printf("%nResult: %d orders placed, %d ready for pickup at the counter, %d lost, %d doubled.%n",
					all.size(), all.size() - lost, lost, doubled);
			if (sentTwice > 0) {
				this.out.printf("(%d of them are on %s twice: the relay sent them again when an acknowledgement did "
						+ "not come in time; the departments ignored the copy.)%n", sentTwice, Topics.ORDERS);
			}
			return new Result(all.size(), lost, doubled, led, stillLed, third.size(), inKafka, notEnoughReplicas,
					fullyInSync(admin));
		}
		finally {
			this.running.set(false);
			join(till);
			this.reading.set(false);
			join(reader);
		}
	}

	/** Lets the till take orders for this long; the orders placed meanwhile. */
	private Set<String> during(Duration duration) {
		Set<String> before = new TreeSet<>(this.placed.keySet());
		Bakery.pause(duration);
		Set<String> now = new TreeSet<>(this.placed.keySet());
		now.removeAll(before);
		return now;
	}

	/**
	 * Waits a little for orders still on their way to Kafka, so that their delay counts.
	 */
	private Set<String> arriving(Set<String> orders) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!this.arrived.keySet().containsAll(orders) && System.nanoTime() < deadline) {
			Bakery.pause(Duration.ofMillis(100));
		}
		return orders;
	}

	private void placeOrders() {
		int number = 0;
		while (this.running.get()) {
			number++;
			long sent = System.nanoTime();
			this.client.place("Lab brokers " + number, "BREZEL", 1)
				.ifPresentOrElse((id) -> this.placed.put(id, sent), () -> this.refused++);
			long next = sent + this.every.toNanos();
			Bakery.pause(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
		}
	}

	/** Follows bakery.orders from its end, as a consumer without a group. */
	private void read() {
		try (TopicReader consumer = TopicReader.fromTheEnd(Topics.ORDERS, this.bootstrapServers)) {
			while (this.reading.get()) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					this.arrived.putIfAbsent(record.key(), System.nanoTime());
					this.records.merge(record.key(), 1, Integer::sum);
				}
			}
		}
	}

	/** How long the orders took from the till's answer to bakery.orders. */
	private String delays(Set<String> orders) {
		List<Long> millis = orders.stream()
			.filter(this.arrived::containsKey)
			.map((id) -> Math.max(0, TimeUnit.NANOSECONDS.toMillis(this.arrived.get(id) - this.placed.get(id))))
			.sorted()
			.collect(Collectors.toCollection(ArrayList::new));
		if (millis.isEmpty()) {
			return "none of the " + orders.size() + " orders placed reached Kafka";
		}
		return "%d orders placed, %d in Kafka; from the till's answer to %s: median %d ms, longest %d ms".formatted(
				orders.size(), millis.size(), Topics.ORDERS, millis.get(millis.size() / 2), Collections.max(millis));
	}

	/**
	 * Gives each partition of bakery.orders its preferred leader (the first of its
	 * replicas), as the brokers do by themselves every
	 * {@code leader.imbalance.check.interval.seconds}: after an earlier lab, one broker
	 * may lead them all.
	 */
	private static void preferredLeaders(Admin admin) {
		Set<TopicPartition> partitions = describe(admin).partitions()
			.stream()
			.map((partition) -> new TopicPartition(Topics.ORDERS, partition.partition()))
			.collect(Collectors.toSet());
		try {
			// A partition led by its preferred leader already answers
			// ELECTION_NOT_NEEDED: fine.
			admin.electLeaders(ElectionType.PREFERRED, partitions).partitions().get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new BakeryFailure("Kafka did not elect the preferred leaders: " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Every partition of bakery.orders in sync again. A follower whose first fetch after
	 * its restart a newer leader epoch fenced waits for its partition's next change of
	 * leader (its log: "has an older epoch ... Will await the new LeaderAndIsr state"),
	 * and Kafka's own rebalance moves leaders only once a broker leads 10% fewer than it
	 * should: so meanwhile the lab elects the preferred leaders every 10 s, as in step 1.
	 */
	private static java.util.function.BooleanSupplier inSyncAgain(Admin admin) {
		long[] nextElection = { System.nanoTime() };
		return () -> {
			if (fullyInSync(admin)) {
				return true;
			}
			if (System.nanoTime() >= nextElection[0]) {
				nextElection[0] = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				try {
					preferredLeaders(admin);
				}
				catch (BakeryFailure ex) {
					// A broker still starting: the next try.
				}
			}
			return false;
		};
	}

	/** The leader of each partition of bakery.orders; -1 for none. */
	private static Map<Integer, Integer> leaders(Admin admin) {
		return describe(admin).partitions()
			.stream()
			.collect(Collectors.toMap(TopicPartitionInfo::partition,
					(partition) -> (partition.leader() != null) ? partition.leader().id() : -1));
	}

	private static String partitions(Admin admin) {
		List<TopicPartitionInfo> partitions = describe(admin).partitions();
		Set<Integer> leaders = partitions.stream()
			.filter((partition) -> partition.leader() != null)
			.map((partition) -> partition.leader().id())
			.collect(Collectors.toCollection(TreeSet::new));
		Map<Integer, Long> isr = partitions.stream()
			.collect(Collectors.groupingBy((partition) -> partition.isr().size(), TreeMap::new, Collectors.counting()));
		return "%s: leaders on brokers %s; in-sync replicas per partition: %s".formatted(Topics.ORDERS, leaders,
				isr.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " on " + entry.getValue())
					.collect(Collectors.joining(", ")));
	}

	private static boolean fullyInSync(Admin admin) {
		return describe(admin).partitions()
			.stream()
			.allMatch((partition) -> partition.isr().size() == partition.replicas().size());
	}

	private static TopicDescription describe(Admin admin) {
		try {
			return admin.describeTopics(List.of(Topics.ORDERS)).allTopicNames().get().get(Topics.ORDERS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new BakeryFailure("Kafka does not describe " + Topics.ORDERS + ": " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BakeryFailure("interrupted");
		}
	}

	private long notEnoughReplicas() {
		try (var lines = Files.lines(this.bakery.log(Part.of(Department.CHECKOUT)), StandardCharsets.ISO_8859_1)) {
			return lines.filter((line) -> line.contains("NOT_ENOUGH_REPLICAS")).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The bakery, saying nothing of what it starts and stops: the table is the lab's
	 * output.
	 */
	private Bakery quiet() {
		return this.bakery.narratingTo((said) -> {
		});
	}

	/** Waits until the condition holds; when it did, in System.nanoTime(). */
	private long await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("not within " + PATIENCE.toMinutes() + " minutes (see .bakery/logs/)");
			}
			Bakery.pause(Duration.ofMillis(200));
		}
		return System.nanoTime();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
