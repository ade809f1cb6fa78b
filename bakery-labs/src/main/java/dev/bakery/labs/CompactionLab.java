package dev.bakery.labs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery lab compaction}: a compacted topic keeps the latest record of every
 * key, and a tombstone removes its key, offsets untouched. Three customers order, the
 * first collects his order (the shelf writes a tombstone); the lab prints the three
 * orders' records on {@code bakery.order-status}, waits out {@code min.compaction.lag.ms}
 * and lets a new order close the segment, prints them again once the log cleaner has been
 * (the latest of each, at its old offset), and finally waits until the tombstone itself
 * is gone after {@code delete.retention.ms}. The topic's demo settings are the counter's
 * ({@code bakery.shelf.topic} in sales-service.yml); the broker's cleaner looks every 2
 * s.
 */
public final class CompactionLab {

	/**
	 * The records are compacted away no sooner than this after they were written
	 * (min.compaction.lag.ms).
	 */
	private static final Duration LAG = Duration.ofSeconds(20);

	private static final Duration PATIENCE = Duration.ofMinutes(4);

	/**
	 * What the log held of the three orders.
	 *
	 * @param before records per customer before compaction (the collected order's ends
	 * with a tombstone)
	 * @param after records per customer once the cleaner had been: one each
	 * @param afterTombstoneExpired records per customer once the tombstone's time was up:
	 * none of the collected order's
	 * @param latestKept whether the records left were each order's latest, at its old
	 * offset
	 */
	public record Result(Map<String, Long> before, Map<String, Long> after, Map<String, Long> afterTombstoneExpired,
			boolean latestKept) {
	}

	private final Bakery bakery;

	private final PrintStream out;

	private final BakeryClient client;

	public CompactionLab(Bakery bakery, PrintStream out) {
		this.bakery = bakery;
		this.out = out;
		this.client = new BakeryClient(bakery.site());
	}

	public Result run() {
		if (!this.client.tillAnswers()) {
			throw new BakeryFailure("the till does not answer: open the bakery first (./bakery up)");
		}
		String emil = place("Emil", "BROETCHEN", 4);
		String frida = place("Frida", "BROETCHEN", 2);
		String greta = place("Greta", "BREZEL", 1);
		Map<String, String> customers = Map.of(emil, "Emil", frida, "Frida", greta, "Greta");
		this.out.println("Lab: Emil, Frida and Greta order; once all three are ready, Emil collects his order.");
		await("the three orders on the shelf",
				() -> customers.keySet()
					.stream()
					.allMatch((id) -> this.client.shelfStatus(id).filter("READY_FOR_PICKUP"::equals).isPresent()));
		this.client.handOver(emil).orElseThrow(() -> new BakeryFailure("the counter did not hand Emil's order over"));
		await("Emil's tombstone",
				() -> last(records(customers), emil).map((record) -> record.value() == null).orElse(false));
		List<ConsumerRecord<String, byte[]>> before = records(customers);
		this.out.printf("%n1) %s, the three orders' records (the log as it was written; Emil's ends with a"
				+ " tombstone, null):%n", Topics.ORDER_STATUS);
		print(before, customers);

		this.out.printf(
				"%n2) %d s after they were written, a new order closes the segment; the cleaner compacts it ...%n",
				LAG.toSeconds());
		Bakery.pause(LAG);
		place("Hanna", "BREZEL", 1);
		awaitClosingSegments("Frida's order compacted to one record", () -> count(records(customers), frida) == 1);
		List<ConsumerRecord<String, byte[]>> after = records(customers);
		print(after, customers);
		boolean latestKept = customers.keySet()
			.stream()
			.allMatch((id) -> last(before, id).map(ConsumerRecord::offset)
				.equals(last(after, id).map(ConsumerRecord::offset)));
		this.out.printf("   each order's latest record is kept, at its old offset: %s%n", latestKept ? "yes" : "no");

		this.out
			.printf("%n3) The tombstone stays for delete.retention.ms (5 s), then goes at the next compaction ...%n");
		Bakery.pause(Duration.ofSeconds(6));
		place("Ida", "BREZEL", 1);
		awaitClosingSegments("Emil's tombstone gone", () -> count(records(customers), emil) == 0);
		List<ConsumerRecord<String, byte[]>> gone = records(customers);
		print(gone, customers);
		this.out
			.printf("   of Emil's order nothing is left, not even the tombstone; Frida's and Greta's latest remain.%n");
		return new Result(counts(before, customers), counts(after, customers), counts(gone, customers), latestKept);
	}

	private String place(String customer, String product, int quantity) {
		return this.client.place(customer, product, quantity)
			.orElseThrow(() -> new BakeryFailure("the till did not take " + customer + "'s order"));
	}

	/**
	 * The three orders' records on the topic now, as a read_committed reader sees them
	 * from the beginning.
	 */
	private List<ConsumerRecord<String, byte[]>> records(Map<String, String> customers) {
		try (TopicReader reader = new TopicReader(Topics.ORDER_STATUS, this.bakery.bootstrapServers(),
				IsolationLevel.READ_COMMITTED)) {
			return reader.all().stream().filter((record) -> customers.containsKey(record.key())).toList();
		}
	}

	private void print(List<ConsumerRecord<String, byte[]>> records, Map<String, String> customers) {
		for (ConsumerRecord<String, byte[]> record : records) {
			this.out.printf("   Offset:%d\t%s (%s)\t%s%n", record.offset(), record.key(), customers.get(record.key()),
					(record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "null");
		}
	}

	private static java.util.Optional<ConsumerRecord<String, byte[]>> last(List<ConsumerRecord<String, byte[]>> records,
			String key) {
		return records.stream().filter((record) -> record.key().equals(key)).reduce((first, second) -> second);
	}

	private static long count(List<ConsumerRecord<String, byte[]>> records, String key) {
		return records.stream().filter((record) -> record.key().equals(key)).count();
	}

	private static Map<String, Long> counts(List<ConsumerRecord<String, byte[]>> records,
			Map<String, String> customers) {
		Map<String, Long> counts = customers.values().stream().collect(Collectors.toMap((name) -> name, (name) -> 0L));
		records.forEach((record) -> counts.merge(customers.get(record.key()), 1L, Long::sum));
		return counts;
	}

	/**
	 * Waits as {@link #await} does, placing one more order every 20 s: the cleaner only
	 * compacts closed segments, and on a slow machine one order's records may all land in
	 * the segment that is still open.
	 */
	private void awaitClosingSegments(String what, BooleanSupplier condition) {
		long[] next = { System.nanoTime() + Duration.ofSeconds(20).toNanos() };
		int[] more = { 0 };
		await(what, condition, () -> {
			if (System.nanoTime() > next[0]) {
				place("Lab " + (++more[0]), "BREZEL", 1);
				next[0] = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			}
		});
	}

	private void await(String what, BooleanSupplier condition) {
		await(what, condition, () -> {
		});
	}

	/**
	 * Checks the condition every second until it holds, doing {@code meanwhile} between.
	 */
	private void await(String what, BooleanSupplier condition, Runnable meanwhile) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("no " + what + " within " + PATIENCE.toMinutes() + " minutes");
			}
			meanwhile.run();
			Bakery.pause(Duration.ofSeconds(1));
		}
	}

}
