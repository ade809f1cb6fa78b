package dev.bakery.labs;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Connect;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery up --faults} and {@code --chaos}: orders keep coming in at the till, as
 * customers place them over HTTP, while parts of the bakery break: killed with SIGKILL
 * (kill -9: no shutdown hook, no goodbye), a department dying by itself at a chosen point
 * of its work (armed through its {@code /actuator/fault}), a department's database taken
 * away, poison records written to every topic. Each comes back. At the end every order
 * the till answered {@code 201 Created} for must be {@code READY_FOR_PICKUP} at the
 * counter, once, and on the shelf; no department may have recorded an event twice;
 * nothing but the poison may be dead-lettered, and all the poison must be.
 * <p>
 * Where Debezium relays the till's outbox ({@code ./bakery up --faults --connect}), the
 * till's own relay is off, so the Connect worker is killed in its place: PostgreSQL and a
 * broker then die under Debezium as well.
 */
public final class FaultSoak {

	/** How a part breaks. */
	enum How {

		/** kill -9 at a random moment. */
		KILL,

		/**
		 * Dies by itself after a listener's database commit, before the record's offset
		 * commit.
		 */
		AFTER_COMMIT,

		/** Dies by itself after the outbox relay read its events, before it sent them. */
		BEFORE_SEND,

		/** Its database refuses connections for a while. */
		DATABASE_AWAY,

		/** Two unreadable records on each department topic. */
		POISON

	}

	/** One way to break the bakery. */
	record Break(String what, Part victim, How how) {

		static Break of(String what, Department victim, How how) {
			return new Break(what, Part.of(victim), how);
		}

	}

	static final Break TILL_BEFORE_SEND = Break.of("the till dies between outbox insert and relay send",
			Department.CHECKOUT, How.BEFORE_SEND);

	/**
	 * In the till's relay's place where Debezium relays its outbox (its own relay is
	 * off).
	 */
	static final Break WORKER_KILLED = new Break(
			"the Connect worker killed (kill -9) while it relays the till's outbox", Part.of(Part.CONNECT), How.KILL);

	/**
	 * {@code --faults}: every part breaks once, in stages. The breaks of one stage happen
	 * at once, which saves restarts; a department armed to die at a point of its work
	 * needs work to get there, so no stage takes an armed department's upstream away (the
	 * till feeds the bake house, which feeds packaging; all feed the counter).
	 */
	static final List<List<Break>> STAGES = List.of(
			List.of(Break.of("the counter dies between its database commit and its offset commit", Department.SALES,
					How.AFTER_COMMIT),
					Break.of("packaging dies between its database commit and its offset commit", Department.PACKAGING,
							How.AFTER_COMMIT)),
			List.of(Break.of("packaging dies between outbox insert and relay send", Department.PACKAGING,
					How.BEFORE_SEND), Break.of("the counter killed (kill -9)", Department.SALES, How.KILL)),
			List.of(Break.of("the bake house dies between its database commit and its offset commit",
					Department.BAKEHOUSE, How.AFTER_COMMIT)),
			List.of(Break.of("the bake house dies between outbox insert and relay send", Department.BAKEHOUSE,
					How.BEFORE_SEND)),
			List.of(Break.of("the bake house killed (kill -9) with orders in its ovens", Department.BAKEHOUSE,
					How.KILL), TILL_BEFORE_SEND),
			List.of(new Break("PostgreSQL killed (kill -9)", Part.POSTGRESQL, How.KILL),
					new Break("a broker killed (kill -9)", Part.of(Part.KAFKA), How.KILL)),
			List.of(Break.of("packaging's database away for 10 s", Department.PACKAGING, How.DATABASE_AWAY),
					new Break("two poison records on each department topic", null, How.POISON)));

	/** {@link #STAGES}, with the Connect worker for the till's relay where it relays. */
	static List<List<Break>> stages(Connect.Relay tillRelay) {
		if (tillRelay == Connect.Relay.OWN) {
			return STAGES;
		}
		return STAGES.stream()
			.map((stage) -> stage.stream().map((fault) -> (fault == TILL_BEFORE_SEND) ? WORKER_KILLED : fault).toList())
			.toList();
	}

	/** {@code --chaos}: one of these, at random, every 20 to 40 s. */
	static List<Break> chaos(Connect.Relay tillRelay) {
		return Stream
			.concat(stages(tillRelay).stream().flatMap(List::stream),
					Stream.of(Department.CHECKOUT, Department.PACKAGING)
						.map((department) -> Break.of(department.module() + " killed (kill -9)", department, How.KILL)))
			.toList();
	}

	/**
	 * The reconciliation.
	 *
	 * @param placed orders the till answered 201 for
	 * @param completed of them, ready for pickup at the counter in the end
	 * @param doubled steps an order's timeline holds twice, plus events a department
	 * recorded twice
	 * @param deadLettered records dead-lettered that were not poison
	 * @param poison poison records written
	 * @param poisonNotDeadLettered poison records on no dead-letter topic
	 * @param notOnTheShelf completed orders the shelf does not have as ready for pickup
	 * @param twiceOnTheShelfTopic statuses a read_committed reader of
	 * {@code bakery.order-status} got twice for one order: the shelf is exactly once,
	 * also when the counter dies in the middle of its transaction
	 * @param refused orders the till did not answer 201 (while it was down, say)
	 * @param breaks what broke, in order
	 * @param missed fault points armed that were not reached (the department was killed
	 * instead)
	 * @param unfinished for each order not completed: where it stopped, at the counter
	 * and on each topic
	 */
	public record Result(int placed, long completed, long doubled, long deadLettered, int poison,
			long poisonNotDeadLettered, long notOnTheShelf, long twiceOnTheShelfTopic, int refused, List<String> breaks,
			List<String> missed, List<String> unfinished) {

		public long lost() {
			return this.placed - this.completed;
		}

		/**
		 * Nothing lost, nothing doubled, nothing but the poison dead-lettered, the shelf
		 * in step.
		 */
		public boolean kept() {
			return this.placed > 0 && lost() == 0 && this.doubled == 0 && this.deadLettered == 0
					&& this.poisonNotDeadLettered == 0 && this.notOnTheShelf == 0 && this.twiceOnTheShelfTopic == 0;
		}

	}

	private static final Duration DRAIN = Duration.ofMinutes(4);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Bakery bakery;

	private final PrintStream out;

	private final Random random;

	private final BakeryClient client;

	private final Set<String> placed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger refused = new AtomicInteger();

	/** The customers' numbers. */
	private final AtomicInteger number = new AtomicInteger();

	/** What the customers choose from: the till's menu when the soak began. */
	private volatile List<String> products = List.of();

	private final List<String> broken = new CopyOnWriteArrayList<>();

	private final Set<String> poison = ConcurrentHashMap.newKeySet();

	private final List<String> missed = new CopyOnWriteArrayList<>();

	/** The break under way when each order was placed: 0 before the first. */
	private final Map<String, Integer> placedDuring = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> refusedDuring = new ConcurrentHashMap<>();

	private volatile int stage;

	private volatile boolean placing = true;

	private volatile boolean breaking = true;

	public FaultSoak(Bakery bakery, PrintStream out, Random random) {
		this.bakery = bakery;
		this.out = out;
		this.random = random;
		this.client = new BakeryClient(bakery.site());
	}

	/**
	 * Every part breaks once ({@link #STAGES}), a few seconds apart, while orders come
	 * in; then the reconciliation.
	 */
	public Result faults() {
		return run(() -> {
			for (List<Break> stage : stages(this.bakery.connect().relay())) {
				awaitBreaking(Duration.ofSeconds(3));
				if (this.breaking) {
					breakAtOnce(stage);
				}
			}
			awaitBreaking(Duration.ofSeconds(3));
		});
	}

	/**
	 * A random break every 20 to 40 s for this long, or until {@link #stop()}; then the
	 * reconciliation.
	 */
	public Result chaos(Duration duration) {
		List<Break> breaks = chaos(this.bakery.connect().relay());
		return run(() -> {
			long end = System.nanoTime() + duration.toNanos();
			while (this.breaking && System.nanoTime() < end) {
				awaitBreaking(Duration.ofNanos(
						Math.min(Duration.ofSeconds(20 + this.random.nextInt(21)).toNanos(), end - System.nanoTime())));
				if (this.breaking && System.nanoTime() < end) {
					breakAtOnce(List.of(breaks.get(this.random.nextInt(breaks.size()))));
				}
			}
		});
	}

	/**
	 * Ends the breaking and the orders (Ctrl-C): the soak goes on to drain and reconcile.
	 */
	public void stop() {
		this.breaking = false;
		this.placing = false;
	}

	private Result run(Runnable breaker) {
		this.products = this.client.menu();
		if (this.products.isEmpty()) {
			throw new BakeryFailure("the till does not answer with a menu: open the bakery first");
		}
		List<TopicReader> deadLetters = Topics.ALL.stream()
			.map((topic) -> TopicReader.fromTheEnd(Topics.deadLetter(topic), this.bakery.bootstrapServers()))
			.toList();
		try (TopicReader shelf = TopicReader.fromTheEnd(Topics.ORDER_STATUS, this.bakery.bootstrapServers(),
				IsolationLevel.READ_COMMITTED)) {
			CompletableFuture<Void> customers = CompletableFuture.runAsync(this::placeOrders);
			breaker.run();
			this.breaking = false;
			this.placing = false;
			customers.join();
			return reconcile(deadLetters, shelf);
		}
		finally {
			deadLetters.forEach(TopicReader::close);
		}
	}

	private void awaitBreaking(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		while (this.breaking && System.nanoTime() < until) {
			Bakery.pause(Duration.ofMillis(250));
		}
	}

	/** The breaks of one stage at once; then every part they took down comes back. */
	private void breakAtOnce(List<Break> breaks) {
		this.stage = this.broken.size() + 1;
		this.broken.add(String.join("; ", breaks.stream().map(Break::what).toList()));
		CompletableFuture
			.allOf(breaks.stream()
				.map((fault) -> CompletableFuture.runAsync(() -> breakWith(fault)))
				.toArray(CompletableFuture[]::new))
			.join();
		Bakery.pause(Duration.ofSeconds(3));
		CompletableFuture
			.allOf(breaks.stream()
				.map(Break::victim)
				.filter((victim) -> victim != null)
				.distinct()
				.map((victim) -> CompletableFuture.runAsync(() -> startAgain(victim)))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	private void breakWith(Break fault) {
		say(fault.what());
		switch (fault.how()) {
			case KILL -> this.bakery.kill(fault.victim());
			case AFTER_COMMIT, BEFORE_SEND -> armAndAwaitDeath(fault);
			case DATABASE_AWAY -> takeTheDatabaseAway(fault.victim().department(), Duration.ofSeconds(10));
			case POISON -> writePoison();
		}
	}

	private void armAndAwaitDeath(Break fault) {
		Part victim = fault.victim();
		String point = fault.how().name().toLowerCase().replace('_', '-');
		this.bakery.expectDeath(victim);
		if (!arm(victim, point)) {
			say(victim + " could not be armed (is it running with its fault endpoint?)");
			return;
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (this.bakery.isRunning(victim) && System.nanoTime() < deadline) {
			Bakery.pause(Duration.ofMillis(100));
		}
		if (this.bakery.isRunning(victim)) {
			say(victim + " did not reach " + point + " within 90 s; killed instead");
			this.missed.add(fault.what());
			this.bakery.kill(victim);
		}
		else {
			say(victim + " died " + point.replace('-', ' '));
		}
	}

	private boolean arm(Part victim, String point) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.bakery.port(victim) + "/actuator/fault"))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"point\":\"" + point + "\"}"))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Its database refuses connections, and those open are ended: the department retries,
	 * dead-letters nothing.
	 */
	private void takeTheDatabaseAway(Department department, Duration away) {
		String database = this.bakery.site().database(department);
		this.bakery.administer("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false");
		this.bakery
			.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
		Bakery.pause(away);
		this.bakery.administer("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
	}

	/**
	 * On each department topic: one record that is not JSON, one that breaks its
	 * contract.
	 */
	private void writePoison() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bakery.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (String topic : Topics.ALL) {
				String notJson = "poison-" + UUID.randomUUID();
				producer.send(new ProducerRecord<>(topic, notJson, "this is not JSON {"));
				String breaksContract = "poison-" + UUID.randomUUID();
				ProducerRecord<String, String> record = new ProducerRecord<>(topic, breaksContract,
						"{\"orderId\":\"" + UUID.randomUUID() + "\"}");
				record.headers().add("__TypeId__", typeOf(topic).getBytes(StandardCharsets.UTF_8));
				producer.send(record);
				this.poison.add(notJson);
				this.poison.add(breaksContract);
			}
			producer.flush();
		}
	}

	private static String typeOf(String topic) {
		return switch (topic) {
			case Topics.ORDERS -> "OrderPlaced";
			case Topics.BAKING_STATUS -> "BakingStatusChanged";
			case Topics.PACKAGING_STATUS -> "PackagingStatusChanged";
			default -> "SalesStatusChanged";
		};
	}

	/**
	 * Starts a part again; a start that fails (a port not free yet) is tried twice more.
	 * The Connect worker is back once Debezium relays again: the next break may take the
	 * database away, which a task that is still starting does not survive.
	 */
	private void startAgain(Part victim) {
		for (int attempt = 1; attempt <= 3 && !this.bakery.isRunning(victim); attempt++) {
			try {
				quiet().start(victim);
			}
			catch (BakeryFailure ex) {
				say(victim + " did not come back yet; again");
				Bakery.pause(Duration.ofSeconds(3));
			}
		}
		if (victim.equals(Part.of(Part.CONNECT)) && this.bakery.connect().relay() == Connect.Relay.CONNECT
				&& !ConnectLab.awaitRelaying(this.bakery, this::placeOne)) {
			say("Debezium does not relay again: " + this.bakery.connect().connectors());
		}
	}

	private Bakery quiet() {
		return this.bakery.narratingTo((said) -> {
		});
	}

	/**
	 * An order of one or two pieces every 1.5 s, as customers would at the till: below
	 * what the bake house bakes in the demo, so that only the breaks build up a backlog.
	 */
	private void placeOrders() {
		while (this.placing) {
			place();
			Bakery.pause(Duration.ofMillis(1500));
		}
	}

	private Optional<String> place() {
		Optional<String> orderId = this.client.place("Soak " + this.number.incrementAndGet(),
				this.products.get(this.random.nextInt(this.products.size())), 1 + this.random.nextInt(2));
		if (orderId.isPresent()) {
			this.placed.add(orderId.get());
			this.placedDuring.put(orderId.get(), this.stage);
		}
		else {
			this.refused.incrementAndGet();
			this.refusedDuring.computeIfAbsent(this.stage, (stage) -> new AtomicInteger()).incrementAndGet();
		}
		return orderId;
	}

	/** An order that the till takes, however often it has to be asked. */
	private String placeOne() {
		Optional<String> orderId = place();
		while (orderId.isEmpty()) {
			Bakery.pause(Duration.ofMillis(500));
			orderId = place();
		}
		return orderId.get();
	}

	private Result reconcile(List<TopicReader> deadLetters, TopicReader shelf) {
		say(this.broken.size() + " times broken; " + this.placed.size()
				+ " orders placed; waiting for them to reach the counter ...");
		long deadline = System.nanoTime() + DRAIN.toNanos();
		Map<String, List<String>> timelines = new ConcurrentHashMap<>();
		while (true) {
			for (String orderId : this.placed) {
				if (!ready(timelines.get(orderId))) {
					timelines.put(orderId, timeline(orderId));
				}
			}
			if (this.placed.stream().allMatch((orderId) -> ready(timelines.get(orderId)))
					|| System.nanoTime() > deadline) {
				break;
			}
			Bakery.pause(Duration.ofSeconds(2));
		}
		long completed = this.placed.stream().filter((orderId) -> ready(timelines.get(orderId))).count();
		long doubledAtTheCounter = timelines.values().stream().mapToLong(FaultSoak::duplicates).sum();
		long doubledEvents = new Outboxes(this.bakery).doubledEvents();
		Set<String> deadKeys = new HashSet<>();
		long deadLettered = 0;
		for (TopicReader reader : deadLetters) {
			for (ConsumerRecord<String, byte[]> record : reader.all()) {
				deadKeys.add(record.key());
				if (!this.poison.contains(record.key())) {
					deadLettered++;
				}
			}
		}
		long poisonNotDeadLettered = this.poison.stream().filter((key) -> !deadKeys.contains(key)).count();
		long notOnTheShelf = notOnTheShelf(timelines);
		long twiceOnTheShelfTopic = shelf.all()
			.stream()
			.filter((record) -> this.placed.contains(record.key()) && record.value() != null)
			.collect(Collectors.groupingBy((record) -> record.key() + " " + status(record), Collectors.counting()))
			.values()
			.stream()
			.mapToLong((copies) -> copies - 1)
			.sum();
		this.out.print(table(timelines));
		// Where a lost order stopped tells which department to look at.
		List<String> unfinished = whereTheyStopped(
				this.placed.stream().filter((orderId) -> !ready(timelines.get(orderId))).toList(), timelines);
		unfinished.forEach((stopped) -> this.out.printf("  not completed: %s%n", stopped));
		this.out.printf("%n  events recorded twice by a department: %d; records dead-lettered: %d (besides the %d"
				+ " poison records, of which %d were not dead-lettered); ready at the counter but not on the shelf:"
				+ " %d; statuses twice on %s (read_committed): %d%n%n", doubledEvents, deadLettered, this.poison.size(),
				poisonNotDeadLettered, notOnTheShelf, Topics.ORDER_STATUS, twiceOnTheShelfTopic);
		Result result = new Result(this.placed.size(), completed, doubledAtTheCounter + doubledEvents, deadLettered,
				this.poison.size(), poisonNotDeadLettered, notOnTheShelf, twiceOnTheShelfTopic, this.refused.get(),
				List.copyOf(this.broken), List.copyOf(this.missed), unfinished);
		say(result.kept() ? "nothing lost, nothing doubled, nothing dead-lettered but the poison"
				: "the promise was broken (see the table above)");
		return result;
	}

	/**
	 * Orders that did not get through: for each, its timeline at the counter, and the
	 * statuses its key has on each department topic (which department holds it up).
	 */
	private List<String> whereTheyStopped(List<String> orderIds, Map<String, List<String>> timelines) {
		if (orderIds.isEmpty()) {
			return List.of();
		}
		Map<String, StringBuilder> where = new LinkedHashMap<>();
		for (String orderId : orderIds) {
			int during = this.placedDuring.getOrDefault(orderId, 0);
			where.put(orderId, new StringBuilder(orderId + ", placed while '" + brokenDuring(during)
					+ "', at the counter " + timelines.getOrDefault(orderId, List.of())));
		}
		for (String topic : Topics.ALL) {
			Map<String, List<String>> found = new HashMap<>();
			try (TopicReader reader = new TopicReader(topic, this.bakery.bootstrapServers(),
					IsolationLevel.READ_COMMITTED)) {
				reader.all()
					.stream()
					.filter((record) -> where.containsKey(record.key()))
					.forEach((record) -> found.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
						.add((topic.equals(Topics.ORDERS) ? "PLACED" : status(record)) + "@" + record.partition() + "/"
								+ record.offset()));
			}
			where.forEach((orderId, stopped) -> stopped.append(", on ")
				.append(topic)
				.append(' ')
				.append(found.getOrDefault(orderId, List.of())));
		}
		return where.values().stream().map(StringBuilder::toString).toList();
	}

	/**
	 * The completed orders the shelf (Kafka Streams) does not show as ready for pickup,
	 * once it caught up.
	 */
	private long notOnTheShelf(Map<String, List<String>> timelines) {
		List<String> ready = this.placed.stream().filter((orderId) -> ready(timelines.get(orderId))).toList();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		List<String> missing = new ArrayList<>(ready);
		while (!missing.isEmpty() && System.nanoTime() < deadline) {
			missing
				.removeIf((orderId) -> this.client.shelfStatus(orderId).filter("READY_FOR_PICKUP"::equals).isPresent());
			if (!missing.isEmpty()) {
				Bakery.pause(Duration.ofSeconds(1));
			}
		}
		return missing.size();
	}

	private String table(Map<String, List<String>> timelines) {
		StringBuilder table = new StringBuilder("%n  %-100s %6s %9s %4s %7s %7s%n".formatted("while", "placed",
				"completed", "lost", "doubled", "refused"));
		for (int index = 0; index <= this.broken.size(); index++) {
			int during = index;
			List<String> orders = this.placedDuring.entrySet()
				.stream()
				.filter((placed) -> placed.getValue() == during)
				.map(Map.Entry::getKey)
				.toList();
			long done = orders.stream().filter((orderId) -> ready(timelines.get(orderId))).count();
			long twice = orders.stream().mapToLong((orderId) -> duplicates(timelines.get(orderId))).sum();
			String what = brokenDuring(index);
			table.append("  %-100s %6d %9d %4d %7d %7d%n".formatted(shortened(what), orders.size(), done,
					orders.size() - done, twice, this.refusedDuring.getOrDefault(index, new AtomicInteger()).get()));
		}
		long completed = this.placed.stream().filter((orderId) -> ready(timelines.get(orderId))).count();
		table.append("  %-100s %6d %9d %4d %7d %7d%n".formatted("all", this.placed.size(), completed,
				this.placed.size() - completed, timelines.values().stream().mapToLong(FaultSoak::duplicates).sum(),
				this.refused.get()));
		return table.toString();
	}

	/** What was broken during this stage of the soak (0: before the first break). */
	private String brokenDuring(int stage) {
		return (stage == 0) ? "nothing broken yet" : this.broken.get(stage - 1);
	}

	private static String shortened(String what) {
		return (what.length() <= 100) ? what : what.substring(0, 97) + "...";
	}

	private static String status(ConsumerRecord<String, byte[]> record) {
		return JSON.readTree(record.value()).path("status").asString();
	}

	private void say(String message) {
		this.out.println("bakery: chaos: " + message);
		this.out.flush();
	}

	private static long duplicates(List<String> timeline) {
		return (timeline != null) ? timeline.size() - timeline.stream().distinct().count() : 0;
	}

	private static boolean ready(List<String> timeline) {
		return timeline != null && timeline.contains("READY_FOR_PICKUP");
	}

	private List<String> timeline(String orderId) {
		return this.client.timeline(orderId).stream().map(BakeryClient.TimelineStep::status).toList();
	}

}
