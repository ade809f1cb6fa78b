package dev.bakery.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./bakery lab scaling}: work waits in Kafka, and more bakers drain it faster.
 * Against a bakery opened with {@code BAKERY_SIMULATION_TIME_SCALE=0.25 ./bakery up},
 * with one bake house:
 * <ol>
 * <li>places a burst of orders and lets the one bake house drain it, printing the group's
 * lag as it goes;</li>
 * <li>places the same burst again and at once starts two more bake houses (instances 2
 * and 3), which join the consumer group {@code bakery}, take over partitions and the
 * orders waiting on them;</li>
 * <li>prints both drain times and the speed-up, and checks from the counter's timelines
 * that every order was put in and taken out of the oven by the same bake house (nothing
 * was baked twice);</li>
 * <li>stops the two extra bake houses again.</li>
 * </ol>
 * Settings from the environment: {@code ORDERS} (36), {@code PRODUCT} (ROGGENBROT),
 * {@code QUANTITY} (36: three trays, 30 s in the oven at time scale 0.25), {@code EVERY}
 * (seconds between two lines of output, 2).
 */
final class ScalingLab {

	private static final List<ProcessName> EXTRA_BAKE_HOUSES = List.of(new ProcessName("bakery-service", 2),
			new ProcessName("bakery-service", 3));

	private final Launcher launcher;

	private final Site site;

	private final Terminal terminal;

	private final PrintStream out;

	private final BakeryClient client;

	private final int orders;

	private final String product;

	private final int quantity;

	private final Duration every;

	ScalingLab(Launcher launcher, Site site, Terminal terminal, Map<String, String> environment) {
		this.launcher = launcher;
		this.site = site;
		this.terminal = terminal;
		this.out = terminal.out();
		this.client = new BakeryClient(site);
		this.orders = Integer.parseInt(environment.getOrDefault("ORDERS", "36"));
		this.product = environment.getOrDefault("PRODUCT", "ROGGENBROT");
		this.quantity = Integer.parseInt(environment.getOrDefault("QUANTITY", "36"));
		this.every = Duration.ofSeconds(Integer.parseInt(environment.getOrDefault("EVERY", "2")));
	}

	void run() {
		if (!this.client.tillAnswers()) {
			throw new Failure("the till does not answer on localhost:" + this.site.port("checkout-service")
					+ ": open the bakery first (BAKERY_SIMULATION_TIME_SCALE=0.25 ./bakery up)");
		}
		for (ProcessName extra : EXTRA_BAKE_HOUSES) {
			if (this.launcher.isRunning(extra)) {
				throw new Failure(
						extra + " runs already; stop it first (./bakery stop bakery-service " + extra.instance() + ")");
			}
		}
		this.out.printf("Lab: %d orders of %d %s at once.%n%n", this.orders, this.quantity, this.product);
		this.out.println("1) One bake house (consumer group 'bakery', one member).");
		long one = round("one", false);
		this.out.printf("%n2) The same burst again; two more bake houses start right after it and join the group.%n");
		long three = round("three", true);
		this.out.printf("%nDrain time with one bake house: %d s; with three: %d s; speed-up: %.2fx%n%n", one, three,
				(double) one / three);
		this.out.println("Stopping the two extra bake houses again (each finishes what is in its ovens first) ...");
		inTheBackground("stop", (quiet, extra) -> quiet.stop(extra));
		this.out.println("Done.");
	}

	/**
	 * Places the burst, starts two more bake houses if asked, and follows the group until
	 * every order is baked.
	 * @return the drain time in seconds
	 */
	private long round(String label, boolean extraBakeHouses) {
		List<String> ids = IntStream.rangeClosed(1, this.orders).mapToObj((i) -> place(label, i)).toList();
		long started = System.nanoTime();
		Thread starting = extraBakeHouses
				? new Thread(() -> inTheBackground("start", (quiet, extra) -> quiet.start(extra)), "lab-start") : null;
		if (starting != null) {
			starting.start();
		}
		this.out.println("   time   lag  members (idle)  baked");
		int baked = 0;
		while (baked < this.orders) {
			long seconds = secondsSince(started);
			Optional<JsonNode> group = this.client.group("bakery");
			List<JsonNode> members = group.map((lag) -> lag.path("members").valueStream().toList()).orElse(List.of());
			baked = (int) ids.stream().map(this::stationsOf).filter((inOut) -> inOut[1] != null).count();
			this.out.printf("  %4ds  %4s  %7d (%d)    %5d/%d%n", seconds,
					group.map((lag) -> lag.path("total").asString()).orElse(""), members.size(),
					members.stream().filter((member) -> member.path("idle").asBoolean()).count(), baked, this.orders);
			if (baked < this.orders) {
				Launcher.pause(this.every);
			}
		}
		long drained = secondsSince(started);
		join(starting);
		long same = ids.stream()
			.map(this::stationsOf)
			.filter((inOut) -> inOut[0] != null && inOut[0].equals(inOut[1]))
			.count();
		this.out.printf("   all %d baked after %d s; put in and taken out by the same bake house: %d of %d%n",
				this.orders, drained, same, this.orders);
		return drained;
	}

	private String place(String label, int number) {
		return this.client.place("Lab " + label + " " + number, this.product, this.quantity)
			.orElseThrow(() -> new Failure("the till did not take order " + number));
	}

	/**
	 * Starts or stops the extra bake houses at once, each saying what it does into a log
	 * of its own (.bakery/logs/lab-start-2.out), not between the lines of the table.
	 */
	private void inTheBackground(String what, java.util.function.BiConsumer<Launcher, ProcessName> action) {
		List<Thread> threads = new ArrayList<>();
		for (ProcessName extra : EXTRA_BAKE_HOUSES) {
			Thread thread = new Thread(() -> {
				try (PrintStream log = new PrintStream(Files.newOutputStream(
						this.launcher.workspace().logs().resolve("lab-" + what + "-" + extra.instance() + ".out")),
						true)) {
					action.accept(this.launcher.speakingTo(new Terminal(log, log, false)), extra);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (Failure ex) {
					this.terminal.error(ex.getMessage());
				}
			}, "lab-" + what + "-" + extra.instance());
			thread.start();
			threads.add(thread);
		}
		threads.forEach(ScalingLab::join);
	}

	/**
	 * The stations that put an order into the oven and took it out: {in, out}, null where
	 * not yet.
	 */
	private String[] stationsOf(String orderId) {
		List<BakeryClient.Step> timeline = this.client.timeline(orderId);
		return new String[] { station(timeline, "IN_OVEN"), station(timeline, "BAKED") };
	}

	private static String station(List<BakeryClient.Step> timeline, String status) {
		return timeline.stream()
			.filter((step) -> step.status().equals(status))
			.map(BakeryClient.Step::station)
			.findFirst()
			.orElse(null);
	}

	private static long secondsSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
	}

	private static void join(Thread thread) {
		if (thread == null) {
			return;
		}
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
