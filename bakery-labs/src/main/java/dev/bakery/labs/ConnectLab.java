package dev.bakery.labs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Connect;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery lab connect}: the till's outbox relayed by Kafka Connect instead of the
 * till's own relay. The lab hands the till's outbox to Debezium, compares an order's
 * record with the till's outbox row (key, {@code __TypeId__} and {@code traceparent}
 * headers, value: the same bytes), and keeps placing orders while the Connect worker is
 * killed ({@code kill -9}) and started again, restarted, and while the till's database
 * goes away. Every order must reach {@code bakery.orders} once for a
 * {@code read_committed} reader and go on to READY_FOR_PICKUP. Then the head office's
 * sink: after a hand-over its table equals the shelf. The bakery is left as it was found
 * (relay, worker).
 */
public final class ConnectLab {

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private static final String PRODUCT = "BREZEL";

	/**
	 * What the lab saw.
	 *
	 * @param placed the orders the till answered 201 for
	 * @param lost placed orders not on bakery.orders (read_committed)
	 * @param doubled placed orders on it more than once
	 * @param aborted records only a read_uncommitted reader got: those of transactions
	 * the killed worker left open, aborted when it came back
	 * @param sameAsTheOutbox the first order's record carries exactly the till's outbox
	 * row: key, type and trace headers, value bytes, and no other header
	 * @param notReady placed orders that did not reach READY_FOR_PICKUP
	 * @param officeEqualsShelf the head office's table equals the shelf after a hand-over
	 * @param handedOverLeftTheOffice the collected order's row is gone
	 * @param onTheBoard the board showed both connectors running
	 */
	public record Result(int placed, int lost, int doubled, int aborted, boolean sameAsTheOutbox, int notReady,
			boolean officeEqualsShelf, boolean handedOverLeftTheOffice, boolean onTheBoard) {

		public boolean kept() {
			return this.lost == 0 && this.doubled == 0 && this.sameAsTheOutbox && this.notReady == 0
					&& this.officeEqualsShelf && this.handedOverLeftTheOffice && this.onTheBoard;
		}

	}

	private final Bakery bakery;

	private final PrintStream out;

	private final BakeryClient client;

	private final Connect connect;

	public ConnectLab(Bakery bakery, PrintStream out) {
		this.bakery = bakery;
		this.out = out;
		this.client = new BakeryClient(bakery.site());
		this.connect = bakery.connect();
	}

	public Result run() {
		Part worker = Part.of(Part.CONNECT);
		boolean workerWasRunning = this.bakery.isRunning(worker);
		Connect.Relay relayBefore = this.connect.relay();
		try {
			if (!workerWasRunning) {
				this.out.println("1) The Connect worker starts (connect, port " + this.bakery.port(worker) + ") ...");
				this.bakery.start(worker);
			}
			this.out.println("1) The till hands its outbox to Debezium: the till stops (its own relay sends what"
					+ " it has), the connector " + Connect.TILL_OUTBOX
					+ " starts, the till starts with its relay off.");
			this.connect.relayTill(Connect.Relay.CONNECT);
			this.out.println("   " + this.connect.connectors());
			boolean onTheBoard = await("the board showing both connectors running",
					() -> this.client.connectorsOnBoard()
						.equals(Map.of(Connect.TILL_OUTBOX, "RUNNING", Connect.HEAD_OFFICE, "RUNNING")));
			this.out.println("   the board shows: " + this.client.connectorsOnBoard());
			return measure(onTheBoard);
		}
		finally {
			if (relayBefore != this.connect.relay()) {
				this.out.println("The till's own relay takes over again ...");
				this.connect.relayTill(relayBefore);
			}
			if (!workerWasRunning && this.bakery.isRunning(worker)) {
				this.bakery.stop(worker);
			}
		}
	}

	private Result measure(boolean onTheBoard) {
		try (TopicReader orders = TopicReader.fromTheEnd(Topics.ORDERS, this.bakery.bootstrapServers());
				TopicReader uncommitted = TopicReader.fromTheEnd(Topics.ORDERS, this.bakery.bootstrapServers(),
						IsolationLevel.READ_UNCOMMITTED)) {
			String first = place("Anna");
			ConsumerRecord<String, byte[]> record = await("Anna's order on " + Topics.ORDERS,
					() -> !orders.records(UUID.fromString(first)).isEmpty())
							? orders.records(UUID.fromString(first)).get(0) : null;
			boolean same = sameAsTheOutbox(first, record);

			List<String> placed = new CopyOnWriteArrayList<>(List.of(first));
			AtomicBoolean placing = new AtomicBoolean(true);
			Thread customers = new Thread(() -> {
				for (int n = 1; placing.get(); n++) {
					this.client.place("Customer " + n, PRODUCT, 1).ifPresent(placed::add);
					Bakery.pause(Duration.ofMillis(400));
				}
			}, "connect-lab-customers");
			customers.start();
			try {
				Part worker = Part.of(Part.CONNECT);
				Bakery.pause(Duration.ofSeconds(2));
				this.out.println("3) The worker crashes (kill -9) while orders come in; they wait in the"
						+ " write-ahead log ...");
				this.bakery.kill(worker);
				Bakery.pause(Duration.ofSeconds(3));
				this.bakery.start(worker);
				awaitRelaying(placed);
				this.out.println("   ... it is back: " + this.connect.connectors());
				this.out.println("4) The worker restarts (stop, start) ...");
				this.bakery.stop(worker);
				this.bakery.start(worker);
				awaitRelaying(placed);
				this.out.println("5) The till's database goes away for 5 s (the till answers 503 meanwhile) ...");
				takeTheTillsDatabaseAway(Duration.ofSeconds(5));
				Bakery.pause(Duration.ofSeconds(3));
			}
			finally {
				placing.set(false);
				join(customers);
			}
			this.out.printf("6) %d orders placed; waiting until each is on %s and READY_FOR_PICKUP ...%n",
					placed.size(), Topics.ORDERS);
			await("every order on " + Topics.ORDERS, () -> copies(orders).keySet().containsAll(placed));
			Map<String, Integer> copies = copies(orders);
			int lost = (int) placed.stream().filter((id) -> !copies.containsKey(id)).count();
			int doubled = (int) placed.stream().filter((id) -> copies.getOrDefault(id, 0) > 1).count();
			Map<String, Integer> all = copies(uncommitted);
			int aborted = placed.stream().mapToInt((id) -> all.getOrDefault(id, 0) - copies.getOrDefault(id, 0)).sum();
			Deque<String> waiting = new ArrayDeque<>(placed);
			await("every order READY_FOR_PICKUP", () -> this.client.takeReadyForPickup(waiting));
			int notReady = (int) placed.stream().filter((id) -> !this.client.readyForPickup(id)).count();
			this.out.printf(
					"   on %s (read_committed): %d of %d orders, %d lost, %d doubled; %d records of"
							+ " aborted transactions (read_uncommitted only)%n",
					Topics.ORDERS, placed.size() - lost, placed.size(), lost, doubled, aborted);

			this.out.println("7) The head office: Anna collects her order; the office's table follows the shelf ...");
			this.client.handOver(first)
				.orElseThrow(() -> new BakeryFailure("the counter did not hand Anna's order over"));
			// Until the shelf has let her order go: both still hold it until then, and
			// are equal.
			await("Anna's order off the shelf", () -> !shelf().containsKey(first));
			boolean equal = await("the office's table equal to the shelf",
					() -> this.connect.officeTable().equals(shelf()));
			boolean gone = !this.connect.officeTable().containsKey(first);
			this.out.printf("   office table: %d orders, the shelf: %d; equal: %s; Anna's order gone: %s%n",
					this.connect.officeTable().size(), shelf().size(), equal, gone);
			return new Result(placed.size(), lost, doubled, aborted, same, notReady, equal, gone, onTheBoard);
		}
	}

	private void awaitRelaying(List<String> placed) {
		boolean relaying = awaitRelaying(this.bakery, () -> {
			String next = place("a customer after the restart");
			placed.add(next);
			return next;
		});
		if (!relaying) {
			this.out.println("   Debezium does not relay again: " + this.connect.connectors());
		}
	}

	/**
	 * Until Debezium relays the till's outbox again: an order the till takes now reaches
	 * {@code bakery.orders}. The connector's status alone does not tell: after a kill -9,
	 * or a stop that timed out, it still says RUNNING from before, and a task that is
	 * still starting does not survive the database going away (Debezium cannot start
	 * without it, and Connect does not restart a failed task by itself).
	 * @param place places an order, and says its id
	 * @return whether it relays within {@link #PATIENCE}
	 */
	static boolean awaitRelaying(Bakery bakery, Supplier<String> place) {
		bakery.connect().awaitRunning(Connect.TILL_OUTBOX);
		try (TopicReader orders = TopicReader.fromTheEnd(Topics.ORDERS, bakery.bootstrapServers())) {
			UUID next = UUID.fromString(place.get());
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (orders.records(next).isEmpty()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Bakery.pause(Duration.ofMillis(250));
			}
			return true;
		}
	}

	/** How many records each key has on the topic, up to its end now. */
	private static Map<String, Integer> copies(TopicReader topic) {
		Map<String, Integer> copies = new HashMap<>();
		topic.all().forEach((record) -> copies.merge(record.key(), 1, Integer::sum));
		return copies;
	}

	private String place(String customer) {
		return this.client.place(customer, PRODUCT, 1)
			.orElseThrow(() -> new BakeryFailure("the till took no order from " + customer));
	}

	/**
	 * The record carries exactly the till's outbox row, as the till's own relay sends it
	 * (which puts the span of its send in the {@code traceparent} header instead:
	 * Debezium sends the row's, the span that recorded the order, so the order's trace
	 * goes on without the outbox's span).
	 */
	private boolean sameAsTheOutbox(String orderId, ConsumerRecord<String, byte[]> record) {
		if (record == null) {
			return false;
		}
		String payload = this.connect.tillDatabase("SELECT payload FROM outbox WHERE message_key = '" + orderId + "'");
		String type = this.connect.tillDatabase("SELECT type FROM outbox WHERE message_key = '" + orderId + "'");
		String traceparent = this.connect
			.tillDatabase("SELECT traceparent FROM outbox WHERE message_key = '" + orderId + "'");
		List<String> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			headers.add(header.key() + "="
					+ ((header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null));
		}
		String value = new String(record.value(), StandardCharsets.UTF_8);
		this.out.printf(
				"2) Anna's order on %s, partition %d, offset %d:%n   key     %s%n   headers %s%n   value   %s%n"
						+ "   the till's outbox row: type %s, traceparent %s, payload %s%n",
				record.topic(), record.partition(), record.offset(), record.key(), headers, value, type, traceparent,
				payload);
		return orderId.equals(record.key())
				&& headers.equals(List.of("__TypeId__=" + type, "traceparent=" + traceparent)) && value.equals(payload);
	}

	/**
	 * The shelf as its compacted topic has it: each order's latest status, collected ones
	 * gone.
	 */
	private Map<String, String> shelf() {
		Map<String, String> shelf = new TreeMap<>();
		try (TopicReader statuses = new TopicReader(Topics.ORDER_STATUS, this.bakery.bootstrapServers(),
				IsolationLevel.READ_COMMITTED)) {
			for (ConsumerRecord<String, byte[]> record : statuses.all()) {
				if (record.value() == null) {
					shelf.remove(record.key());
				}
				else {
					shelf.put(record.key(), TopicReader.value(record, Map.class).get("status").toString());
				}
			}
		}
		return shelf;
	}

	private void takeTheTillsDatabaseAway(Duration away) {
		String database = this.bakery.site().database(Department.CHECKOUT);
		this.bakery.administer("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false");
		try {
			// Debezium's replication connection is one of them.
			this.bakery.administer(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
			Bakery.pause(away);
		}
		finally {
			this.bakery.administer("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
		}
	}

	private boolean await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				this.out.println("   not within " + PATIENCE.toMinutes() + " minutes: " + what);
				return false;
			}
			Bakery.pause(Duration.ofMillis(500));
		}
		return true;
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
