package dev.bakery.launcher;

import java.io.PrintStream;
import java.util.Optional;

import dev.bakery.labs.BrokersLab;
import dev.bakery.labs.CompactionLab;
import dev.bakery.labs.ConnectLab;
import dev.bakery.labs.ScalingLab;
import dev.bakery.labs.TraceLab;
import dev.bakery.labs.TransactionLab;
import dev.bakery.runtime.Bakery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bakery lab <lab>}: a lab of the walkthrough against the open bakery, with the
 * printed report a learner reads; bakery-labs' integration tests run the same scenarios
 * with assertions.
 */
@Command(name = "lab", description = "Runs a lab of the walkthrough against the open bakery.")
final class LabCommand {

	private final Home home;

	LabCommand(Home home) {
		this.home = home;
	}

	@Command(name = "scaling", description = { "A burst of orders drained by one bake house, then by three; prints "
			+ "lag, members, both drain times and the speed-up (ORDERS, PRODUCT, QUANTITY, EVERY shape the burst)." })
	int scaling() {
		new ScalingLab(bakery(), out(), ScalingLab.Burst.from(this.home.environment())).run();
		return 0;
	}

	@Command(name = "brokers", description = { "Needs ./bakery up --brokers 3: one broker crashes (kill -9) and a "
			+ "second stops while orders come in, then both return; prints the leaders, the in-sync replicas, the "
			+ "pause, the refused writes and that every order reached the counter once." })
	int brokers() {
		return new BrokersLab(bakery(), out(), BrokersLab.Phases.from(this.home.environment())).run().kept() ? 0 : 1;
	}

	@Command(name = "compaction", description = { "A compacted topic keeps each key's latest record, and a tombstone "
			+ "removes its key: bakery.order-status before and after the log cleaner, and after the tombstone's time." })
	int compaction() {
		new CompactionLab(bakery(), out()).run();
		return 0;
	}

	@Command(name = "transaction", description = { "Exactly once, seen from outside: the shelf's first transaction is "
			+ "aborted; a read_uncommitted reader of bakery.order-status gets its record too, a read_committed one "
			+ "each status once." })
	int transaction() {
		new TransactionLab(bakery(), out()).run();
		return 0;
	}

	@Command(name = "connect", description = { "The till's outbox relayed by Debezium while the Connect worker "
			+ "crashes and the till's database goes away; the head office's table follows the shelf." })
	int connect() {
		return new ConnectLab(bakery(), out()).run().kept() ? 0 : 1;
	}

	@Command(name = "trace", description = { "One order's trace, from the till's request to the counter: places an "
			+ "order (or follows --order), prints its spans as a tree, where its time went (the outbox, each topic "
			+ "hop, each station) and the counter's timeline, and where to open it in Zipkin." })
	int trace(@Option(names = "--order", paramLabel = "ID", description = "An order placed before.") String order) {
		new TraceLab(bakery(), out()).run(Optional.ofNullable(order));
		return 0;
	}

	private Bakery bakery() {
		return this.home.bakery();
	}

	private PrintStream out() {
		return this.home.terminal().out();
	}

}
