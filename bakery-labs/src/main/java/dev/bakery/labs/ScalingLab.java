package dev.bakery.labs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;

/**
 * {@code ./bakery lab scaling}: work waits in Kafka, and more bakers drain it faster.
 * Against an open bakery with one bake house, it places a burst of orders and lets the
 * one bake house drain it, printing the group's lag as it goes; then places the same
 * burst again and at once starts two more bake houses, which join the consumer group
 * {@code bakery} and take over partitions and the orders waiting on them; prints both
 * drain times and the speed-up, checks from the counter's timelines that every order went
 * into and out of its oven at the same bake house, and stops the two extra bake houses
 * again.
 */
public final class ScalingLab {

	private static final List<Part> EXTRA_BAKE_HOUSES = List.of(Part.of(Department.BAKEHOUSE, 2),
			Part.of(Department.BAKEHOUSE, 3));

	/**
	 * The burst.
	 *
	 * @param orders how many orders ({@code ORDERS}, 36)
	 * @param product of which product ({@code PRODUCT}, ROGGENBROT)
	 * @param quantity how many pieces each ({@code QUANTITY}, 36: three trays, 30 s in
	 * the oven at time scale 0.25)
	 * @param every how often the table gets a line ({@code EVERY} seconds, 2)
	 */
	public record Burst(int orders, String product, int quantity, Duration every) {

		public static Burst from(Map<String, String> environment) {
			return new Burst(Integer.parseInt(environment.getOrDefault("ORDERS", "36")),
					environment.getOrDefault("PRODUCT", "ROGGENBROT"),
					Integer.parseInt(environment.getOrDefault("QUANTITY", "36")),
					Duration.ofSeconds(Integer.parseInt(environment.getOrDefault("EVERY", "2"))));
		}

	}

	/**
	 * What the lab measured.
	 *
	 * @param one the drain time with one bake house
	 * @param three with three, two of them started right after the burst
	 * @param orders orders per burst
	 * @param sameBakeHouse orders (of both bursts) put into and taken out of the oven by
	 * the same bake house
	 * @param mostMembers the most members the group had during the second burst
	 * @param bakedByNewcomers orders of the second burst baked by the bake houses that
	 * joined
	 */
	public record Result(Duration one, Duration three, int orders, int sameBakeHouse, int mostMembers,
			int bakedByNewcomers) {

		public double speedUp() {
			return (double) this.one.toMillis() / this.three.toMillis();
		}

	}

	private final Bakery bakery;

	private final PrintStream out;

	private final Burst burst;

	private final BakeryClient client;

	public ScalingLab(Bakery bakery, PrintStream out, Burst burst) {
		this.bakery = bakery;
		this.out = out;
		this.burst = burst;
		this.client = new BakeryClient(bakery.site());
	}

	public Result run() {
		if (!this.client.tillAnswers()) {
			throw new BakeryFailure(
					"the till does not answer on localhost:" + this.bakery.port(Part.of(Department.CHECKOUT))
							+ ": open the bakery first (BAKERY_SIMULATION_TIME_SCALE=0.25 ./bakery up)");
		}
		for (Part extra : EXTRA_BAKE_HOUSES) {
			if (this.bakery.isRunning(extra)) {
				throw new BakeryFailure(
						extra + " runs already; stop it first (./bakery stop bakery-service " + extra.instance() + ")");
			}
		}
		this.out.printf("Lab: %d orders of %d %s at once.%n%n", this.burst.orders(), this.burst.quantity(),
				this.burst.product());
		this.out.println("1) One bake house (consumer group 'bakery', one member).");
		Round one = round("one", false);
		this.out.printf("%n2) The same burst again; two more bake houses start right after it and join the group.%n");
		Round three = round("three", true);
		int newcomers = (int) three.bakedBy()
			.stream()
			.filter((bakeHouse) -> bakeHouse != null && !one.bakedBy().contains(bakeHouse))
			.count();
		Result result = new Result(one.drained(), three.drained(), this.burst.orders(),
				one.sameBakeHouse() + three.sameBakeHouse(), three.mostMembers(), newcomers);
		this.out.printf("%nDrain time with one bake house: %d s; with three: %d s; speed-up: %.2fx%n%n",
				one.drained().toSeconds(), three.drained().toSeconds(), result.speedUp());
		this.out.println("Stopping the two extra bake houses again (each finishes what is in its ovens first) ...");
		everyExtra((extra) -> quiet().stop(extra));
		this.out.println("Done.");
		return result;
	}

	/**
	 * @param bakedBy the bake house that took each order out of the oven
	 */
	private record Round(Duration drained, int sameBakeHouse, int mostMembers, List<String> bakedBy) {
	}

	/**
	 * Places the burst, starts two more bake houses if asked, and follows the group until
	 * every order is baked.
	 */
	private Round round(String label, boolean extraBakeHouses) {
		List<String> ids = IntStream.rangeClosed(1, this.burst.orders()).mapToObj((i) -> place(label, i)).toList();
		long started = System.nanoTime();
		CompletableFuture<Void> starting = extraBakeHouses
				? CompletableFuture.runAsync(() -> everyExtra((extra) -> quiet().start(extra)))
				: CompletableFuture.completedFuture(null);
		this.out.println("   time   lag  members (idle)  baked");
		// A baked order's stations do not change: only the others are asked again (one
		// request to the counter per order and look would load it more than the burst).
		Map<String, String[]> bakedOnes = new HashMap<>();
		int baked = 0;
		int mostMembers = 0;
		while (baked < this.burst.orders()) {
			long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
			Optional<JsonNode> group = this.client.group("bakery");
			List<JsonNode> members = group.map((lag) -> lag.path("members").valueStream().toList()).orElse(List.of());
			mostMembers = Math.max(mostMembers, members.size());
			for (String id : ids) {
				if (!bakedOnes.containsKey(id)) {
					String[] inOut = stationsOf(id);
					if (inOut[1] != null) {
						bakedOnes.put(id, inOut);
					}
				}
			}
			baked = bakedOnes.size();
			this.out.printf("  %4ds  %4s  %7d (%d)    %5d/%d%n", seconds,
					group.map((lag) -> lag.path("total").asString()).orElse(""), members.size(),
					members.stream().filter((member) -> member.path("idle").asBoolean()).count(), baked,
					this.burst.orders());
			if (baked < this.burst.orders()) {
				Bakery.pause(this.burst.every());
			}
		}
		Duration drained = Duration.ofNanos(System.nanoTime() - started);
		starting.join();
		List<String[]> stations = ids.stream().map(bakedOnes::get).toList();
		int same = (int) stations.stream().filter((inOut) -> inOut[0] != null && inOut[0].equals(inOut[1])).count();
		this.out.printf("   all %d baked after %d s; put in and taken out by the same bake house: %d of %d%n",
				this.burst.orders(), drained.toSeconds(), same, this.burst.orders());
		return new Round(drained, same, mostMembers, stations.stream().map((inOut) -> inOut[1]).toList());
	}

	private String place(String label, int number) {
		return this.client.place("Lab " + label + " " + number, this.burst.product(), this.burst.quantity())
			.orElseThrow(() -> new BakeryFailure("the till did not take order " + number));
	}

	/** Starts or stops the extra bake houses at once, each on a thread of its own. */
	private void everyExtra(Consumer<Part> action) {
		List<CompletableFuture<Void>> all = new ArrayList<>();
		for (Part extra : EXTRA_BAKE_HOUSES) {
			all.add(CompletableFuture.runAsync(() -> action.accept(extra)));
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
	}

	/**
	 * The bakery, saying what it starts and stops into the extra bake houses' logs, not
	 * between the table's lines.
	 */
	private Bakery quiet() {
		return this.bakery.narratingTo((said) -> {
		});
	}

	/**
	 * The bake houses (their instance ids, the events' station) that put an order into
	 * the oven and took it out: {in, out}, null where not yet.
	 */
	private String[] stationsOf(String orderId) {
		List<BakeryClient.TimelineStep> timeline = this.client.timeline(orderId);
		return new String[] { station(timeline, "IN_OVEN"), station(timeline, "BAKED") };
	}

	private static String station(List<BakeryClient.TimelineStep> timeline, String status) {
		return timeline.stream()
			.filter((step) -> step.status().equals(status))
			.map(BakeryClient.TimelineStep::station)
			.findFirst()
			.orElse(null);
	}

}
