package dev.bakery.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import dev.bakery.events.Topics;

/**
 * {@code ./bakery up --chaos}: orders keep coming in at the till, as customers place them
 * over HTTP, while every 20 to 40 seconds a random part of the bakery (a department, the
 * broker or PostgreSQL) is killed with SIGKILL (kill -9: no shutdown hook, no goodbye)
 * and started again a few seconds later. At the end the orders are reconciled: every
 * order the till answered {@code 201 Created} for must reach {@code READY_FOR_PICKUP} at
 * the counter exactly once, no department may have published an event twice, and nothing
 * may be dead-lettered.
 */
final class Chaos {

	/**
	 * One way to break the bakery.
	 *
	 * @param what what happens, as the table says it
	 * @param victim the process that dies
	 * @param fault empty: kill -9 at a random moment; else the {@code BAKERY_FAULT} it is
	 * started again with, so that it dies at that point of its work, and is then started
	 * once more without it
	 */
	record Scenario(String what, String victim, String fault) {

		static Scenario killed(String what, String victim) {
			return new Scenario(what, victim, "");
		}

	}

	/** Each part of the bakery dies once, each department in the middle of its work. */
	static final List<Scenario> FAULTS = List.of(Scenario.killed("PostgreSQL killed (kill -9)", Site.POSTGRES),
			Scenario.killed("the broker killed (kill -9)", Site.KAFKA),
			new Scenario("the till dies between outbox insert and relay send", "checkout-service", "before-send"),
			new Scenario("the bake house dies between its database commit and its offset commit", "bakery-service",
					"after-commit"),
			new Scenario("packaging dies between its database commit and its offset commit", "packaging-service",
					"after-commit"),
			new Scenario("the counter dies between its database commit and its offset commit", "sales-service",
					"after-commit"),
			new Scenario("the bake house dies between outbox insert and relay send", "bakery-service", "before-send"),
			new Scenario("packaging dies between outbox insert and relay send", "packaging-service", "before-send"),
			Scenario.killed("the bake house killed (kill -9) with orders in its ovens", "bakery-service"));

	/**
	 * What the chaos picks from: the faults, and any department killed at a random
	 * moment.
	 */
	static final List<Scenario> CHAOS = Stream
		.concat(FAULTS.stream(),
				Stream.of("checkout-service", "packaging-service", "sales-service")
					.map((department) -> Scenario.killed(department + " killed (kill -9)", department)))
		.toList();

	private static final Duration DRAIN = Duration.ofMinutes(4);

	/**
	 * Orders keep coming for at least this long in a {@link #faults()} run: a soak, not a
	 * sprint.
	 */
	private static final Duration SOAK = Duration.ofMinutes(3);

	private final Launcher launcher;

	private final Site site;

	private final Terminal terminal;

	private final Random random;

	private final BakeryClient client;

	private final Set<String> placed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger refused = new AtomicInteger();

	private final List<Scenario> broken = new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile boolean placing = true;

	private volatile boolean breaking = true;

	/** The scenario under way when each order was placed: 0 before the first. */
	private final Map<String, Integer> placedDuring = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> refusedDuring = new ConcurrentHashMap<>();

	private volatile int scenario;

	Chaos(Launcher launcher, Site site, Terminal terminal, Random random) {
		this.launcher = launcher;
		this.site = site;
		this.terminal = terminal;
		this.random = random;
		this.client = new BakeryClient(site);
	}

	/**
	 * Places orders while a random scenario breaks the bakery every 20 to 40 s, for this
	 * long (or until {@link #stop()}); then waits for the orders to drain and reconciles
	 * them.
	 * @return whether nothing was lost, doubled or dead-lettered
	 */
	boolean chaos(Duration duration) {
		return run(() -> {
			long end = System.nanoTime() + duration.toNanos();
			while (this.breaking && System.nanoTime() < end) {
				long next = System.nanoTime() + Duration.ofSeconds(20 + this.random.nextInt(21)).toNanos();
				awaitBreaking(Math.min(next, end));
				if (this.breaking && System.nanoTime() < end) {
					breakWith(CHAOS.get(this.random.nextInt(CHAOS.size())));
				}
			}
		});
	}

	/**
	 * Places orders while each of the {@link #FAULTS} breaks the bakery once, one after
	 * the other in a random order; then waits for the orders to drain and reconciles
	 * them.
	 * @return whether nothing was lost, doubled or dead-lettered
	 */
	boolean faults() {
		List<Scenario> order = new ArrayList<>(FAULTS);
		java.util.Collections.shuffle(order, this.random);
		long soaked = System.nanoTime() + SOAK.toNanos();
		return run(() -> {
			for (Scenario scenario : order) {
				awaitBreaking(System.nanoTime() + Duration.ofSeconds(5).toNanos());
				if (this.breaking) {
					breakWith(scenario);
				}
			}
			awaitBreaking(Math.max(System.nanoTime() + Duration.ofSeconds(5).toNanos(), soaked));
		});
	}

	private boolean run(Runnable breaker) {
		Thread customers = new Thread(this::placeOrders, "chaos-customers");
		customers.setDaemon(true);
		customers.start();
		breaker.run();
		this.breaking = false;
		this.placing = false;
		try {
			customers.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return reconcile();
	}

	private void awaitBreaking(long until) {
		while (this.breaking && System.nanoTime() < until) {
			Launcher.pause(Duration.ofMillis(250));
		}
	}

	/** Ends the kills and the orders: {@link #run} goes on to drain and reconcile. */
	void stop() {
		this.breaking = false;
		this.placing = false;
	}

	private void breakWith(Scenario scenario) {
		ProcessName victim = ProcessName.of(scenario.victim());
		if (!this.launcher.isRunning(victim)) {
			return;
		}
		this.broken.add(scenario);
		this.scenario = this.broken.size();
		this.terminal.say("chaos: " + scenario.what());
		this.launcher.kill(victim);
		if (!scenario.fault().isEmpty()) {
			// Started with the fault armed, it dies by itself at that point of its work.
			startAgain(victim, Map.of("BAKERY_FAULT", scenario.fault()));
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (this.launcher.isRunning(victim) && System.nanoTime() < deadline) {
				Launcher.pause(Duration.ofMillis(100));
			}
			if (this.launcher.isRunning(victim)) {
				this.terminal.say("chaos: " + victim + " did not reach " + scenario.fault() + " within 90 s");
				this.launcher.kill(victim);
			}
			else {
				this.terminal.say("chaos: " + victim + " died " + scenario.fault().replace('-', ' '));
			}
		}
		Launcher.pause(Duration.ofSeconds(3));
		startAgain(victim, Map.of());
	}

	/**
	 * Starts a process again; a start that fails (a port not free yet) is tried twice
	 * more.
	 */
	private void startAgain(ProcessName victim, Map<String, String> environment) {
		if (!environment.isEmpty()) {
			this.launcher.expectDeath(victim);
		}
		for (int attempt = 1; attempt <= 3 && !this.launcher.isRunning(victim); attempt++) {
			try {
				this.launcher.start(victim, environment);
			}
			catch (Failure ex) {
				if (!environment.isEmpty()) {
					// Armed, it may die before it reports healthy: that is the point.
					return;
				}
				this.terminal.say("chaos: " + victim + " did not come back yet; again");
				Launcher.pause(Duration.ofSeconds(3));
			}
		}
	}

	/**
	 * An order of one or two pieces every 1.5 s, as customers would at the till: below
	 * what the bake house's four ovens bake in the demo, so that only the breaks build up
	 * a backlog.
	 */
	private void placeOrders() {
		// Products of the bake house's default menu (bakery-service.yml).
		String[] products = { "BREZEL", "BROETCHEN", "CROISSANT", "LAUGENSTANGE", "ROGGENBROT", "APFELSTRUDEL" };
		int number = 0;
		while (this.placing) {
			number++;
			Optional<String> orderId = this.client.place("Chaos " + number,
					products[this.random.nextInt(products.length)], 1 + this.random.nextInt(2));
			if (orderId.isPresent()) {
				this.placed.add(orderId.get());
				this.placedDuring.put(orderId.get(), this.scenario);
			}
			else {
				refused();
			}
			Launcher.pause(Duration.ofMillis(1500));
		}
	}

	private void refused() {
		this.refused.incrementAndGet();
		this.refusedDuring.computeIfAbsent(this.scenario, (scenario) -> new AtomicInteger()).incrementAndGet();
	}

	private boolean reconcile() {
		this.terminal.say("chaos: " + this.broken.size() + " times broken; " + this.placed.size()
				+ " orders placed; waiting for them to reach the counter ...");
		long deadline = System.nanoTime() + DRAIN.toNanos();
		Map<String, List<String>> timelines = new ConcurrentHashMap<>();
		while (true) {
			for (String orderId : this.placed) {
				if (!ready(timelines.get(orderId))) {
					timelines.put(orderId, timeline(orderId));
				}
			}
			boolean allReady = this.placed.stream().allMatch((orderId) -> ready(timelines.get(orderId)));
			if (allReady || System.nanoTime() > deadline) {
				break;
			}
			Launcher.pause(Duration.ofSeconds(2));
		}
		long completed = this.placed.stream().filter((orderId) -> ready(timelines.get(orderId))).count();
		long lost = this.placed.size() - completed;
		long doubledAtTheCounter = timelines.values().stream().mapToLong(Chaos::duplicates).sum();
		long doubledEvents;
		try {
			doubledEvents = new Outboxes(this.site).doubledEvents();
		}
		catch (Failure ex) {
			this.terminal.error(ex.getMessage());
			doubledEvents = -1;
		}
		long deadLettered = deadLettered();
		long doubled = doubledAtTheCounter + Math.abs(doubledEvents);
		StringBuilder table = new StringBuilder("%n  %-72s %6s %9s %4s %7s %7s%n".formatted("while", "placed",
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
			table.append("  %-72s %6d %9d %4d %7d %7d%n".formatted(
					(index == 0) ? "nothing broken yet" : this.broken.get(index - 1).what(), orders.size(), done,
					orders.size() - done, twice, this.refusedDuring.getOrDefault(index, new AtomicInteger()).get()));
		}
		table.append("  %-72s %6d %9d %4d %7d %7d%n".formatted("all", this.placed.size(), completed, lost,
				doubledAtTheCounter, this.refused.get()));
		table.append("%n  events published twice by a department: %d; records dead-lettered: %d%n%n"
			.formatted(doubledEvents, deadLettered));
		this.terminal.print(table.toString());
		boolean kept = lost == 0 && doubled == 0 && deadLettered == 0 && !this.placed.isEmpty();
		this.terminal.say(kept ? "chaos: nothing lost, nothing doubled, nothing dead-lettered"
				: "chaos: the promise was broken (see the table above)");
		return kept;
	}

	private static long duplicates(List<String> timeline) {
		return (timeline != null) ? timeline.size() - timeline.stream().distinct().count() : 0;
	}

	private static boolean ready(List<String> timeline) {
		return timeline != null && timeline.contains("READY_FOR_PICKUP");
	}

	/** The statuses of an order's timeline at the counter, in order; empty if unknown. */
	private List<String> timeline(String orderId) {
		return this.client.timeline(orderId).stream().map(BakeryClient.Step::status).toList();
	}

	/** Records on the dead-letter topics. */
	private long deadLettered() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.launcher.brokers().bootstrapServers(this.site));
		try (Admin admin = Admin.create(config)) {
			List<String> topics = Topics.ALL.stream().map(Topics::deadLetter).toList();
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.values()
				.forEach((topic) -> topic.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(topic.name(), partition.partition()),
							OffsetSpec.latest())));
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((offset) -> offset.offset()).sum();
		}
		catch (Exception ex) {
			this.terminal.error("could not read the dead-letter topics: " + ex.getMessage());
			return -1;
		}
	}

}
