package dev.bakery.labs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import tools.jackson.databind.json.JsonMapper;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery lab transaction}: exactly once in Kafka Streams, seen from outside. The
 * counter is restarted with the demo switch {@code BAKERY_SHELF_ABORT_ONCE=true}: its
 * shelf's first transaction writes its record, then fails and is aborted, and a new
 * stream thread reads the input again from the last committed offset and writes it again,
 * committed. A {@code read_uncommitted} reader of {@code bakery.order-status} gets the
 * aborted record too; a {@code read_committed} one gets each status once.
 */
public final class TransactionLab {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	/**
	 * The statuses of Jana's order as each reader got them.
	 *
	 * @param uncommitted read_uncommitted: the aborted PLACED too
	 * @param committed read_committed: each status once
	 */
	public record Result(List<String> uncommitted, List<String> committed) {

		/** Records only a read_uncommitted reader got: the aborted transaction's. */
		public int aborted() {
			return this.uncommitted.size() - this.committed.size();
		}

	}

	private final Bakery bakery;

	private final PrintStream out;

	private final BakeryClient client;

	public TransactionLab(Bakery bakery, PrintStream out) {
		this.bakery = bakery;
		this.out = out;
		this.client = new BakeryClient(bakery.site());
	}

	public Result run() {
		Part counter = Part.of(Department.SALES);
		if (!this.bakery.isServing(counter)) {
			throw new BakeryFailure("the counter does not answer: open the bakery first (./bakery up)");
		}
		String servers = this.bakery.bootstrapServers();
		try (TopicReader uncommitted = TopicReader.fromTheEnd(Topics.ORDER_STATUS, servers,
				IsolationLevel.READ_UNCOMMITTED);
				TopicReader committed = TopicReader.fromTheEnd(Topics.ORDER_STATUS, servers,
						IsolationLevel.READ_COMMITTED)) {
			this.out.println("Lab: the counter restarts with BAKERY_SHELF_ABORT_ONCE=true: its shelf's first"
					+ " transaction will be aborted.");
			Bakery quiet = this.bakery.narratingTo((said) -> {
			});
			quiet.stop(counter);
			quiet.start(counter, Map.of("BAKERY_SHELF_ABORT_ONCE", "true"));
			String jana = this.client.place("Jana", "BREZEL", 2)
				.orElseThrow(() -> new BakeryFailure("the till did not take Jana's order"));
			this.out.printf("Jana orders (%s); waiting until the shelf has her order ready ...%n", jana);
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			// Both readers follow the topic meanwhile, as consumers do: the log cleaner
			// removes an aborted
			// transaction's records once they are min.compaction.lag.ms (20 s) old, and a
			// busy machine may take
			// that long.
			while (this.client.shelfStatus(jana).filter("READY_FOR_PICKUP"::equals).isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new BakeryFailure("Jana's order was not ready on the shelf within 2 minutes");
				}
				uncommitted.all();
				committed.all();
				Bakery.pause(Duration.ofMillis(500));
			}
			Result result = new Result(statuses(uncommitted, jana), statuses(committed, jana));
			this.out.printf("%n%s, read_uncommitted: %s%n", Topics.ORDER_STATUS, result.uncommitted());
			this.out.printf("%s, read_committed:   %s%n", Topics.ORDER_STATUS, result.committed());
			this.out.printf(
					"%nThe aborted transaction's record%s (%d) reached the log, marked aborted; a read_committed"
							+ " reader never gets %s.%n",
					(result.aborted() == 1) ? "" : "s", result.aborted(), (result.aborted() == 1) ? "it" : "them");
			return result;
		}
	}

	private static List<String> statuses(TopicReader reader, String orderId) {
		return reader.all()
			.stream()
			.filter((record) -> orderId.equals(record.key()) && record.value() != null)
			.map(TransactionLab::status)
			.toList();
	}

	private static String status(ConsumerRecord<String, byte[]> record) {
		return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8)).path("status").asString();
	}

}
