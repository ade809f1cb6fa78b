package dev.bakery.board;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import dev.bakery.board.CounterApi.FollowedOrder;
import dev.bakery.board.CounterApi.MovedOrder;

/**
 * What the live board shows, gathered from outside the departments: the orders the
 * counter follows, with the Kafka record behind each step (the counter's HTTP API, asked
 * every second which orders moved), how many orders are at each stage, how far each
 * consumer group lags behind and how that went over the last minutes, the Kafka cluster
 * (Kafka's admin API), what waits at the till while Kafka does not take it (the till's
 * metric), the shelf (the counter's Kafka Streams topology, over its API), the menu the
 * bake houses offer (the till's), and whether each department is ready. A page that opens
 * gets a snapshot; after that it is sent every order that moves and, every few seconds,
 * the rest.
 * <p>
 * The board keeps what it learnt last: while the counter restarts, the orders stay as it
 * last told them, and the page says that the counter is away.
 */
@Service
class Board implements SmartLifecycle {

	/** How many minutes of pieces baked the board shows, this one included. */
	static final int BAKED_MINUTES = 10;

	/**
	 * The statuses in the order of the flow (fixed points of the bakery): an order's
	 * timeline holds a step for each up to where it is, once the counter has read them
	 * all.
	 */
	static final List<String> FLOW = List.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP",
			"HANDED_OVER");

	/**
	 * How many orders one look at the counter fetches at most: under a rush the latest
	 * ones, the rest at the next look.
	 */
	static final int FETCHED_PER_LOOK = 20;

	private final CounterApi counter;

	private final Till till;

	private final KafkaConnect connect;

	private final ConsumerGroups groups;

	private final KafkaCluster cluster;

	private final Figures figures;

	private final Departments departments;

	private final BoardUpdates updates;

	private final TaskScheduler scheduler;

	private final BoardSettings settings;

	private final CounterReplay.Follower replays = new CounterReplay.Follower();

	/** The orders that moved last, with their timelines, by id. */
	private final Map<UUID, FollowedOrder> orders = new HashMap<>();

	private volatile Map<String, Long> counts = Map.of();

	private volatile List<Till.OnTheMenu> menu = List.of();

	private final List<ScheduledFuture<?>> looks = new ArrayList<>();

	Board(CounterApi counter, Till till, KafkaConnect connect, ConsumerGroups groups, KafkaCluster cluster,
			Figures figures, Departments departments, BoardUpdates updates, TaskScheduler scheduler,
			BoardSettings settings) {
		this.counter = counter;
		this.till = till;
		this.connect = connect;
		this.groups = groups;
		this.cluster = cluster;
		this.figures = figures;
		this.departments = departments;
		this.updates = updates;
		this.scheduler = scheduler;
		this.settings = settings;
	}

	/**
	 * The board as it is now: the menu, the counts and the most recently moved orders
	 * with their timelines, as the counter last told them.
	 */
	Snapshot snapshot() {
		return new Snapshot(menu(), this.counts, latestOrders(), this.settings.tracesUrl().toString());
	}

	/**
	 * What the bake houses offer, as the till sells it; the last menu while it is away.
	 */
	List<Till.OnTheMenu> menu() {
		List<Till.OnTheMenu> offered = this.till.menu();
		if (offered != null) {
			this.menu = offered;
		}
		return this.menu;
	}

	/**
	 * The consumer groups' lag now, with the changes of their members the board has
	 * noticed and the counter's replay while it is behind the log; kept for the figures
	 * over time.
	 */
	ConsumerGroupLag.Report lag() {
		ConsumerGroupLag.Report report = this.replays.follow(this.groups.lag());
		this.figures.add(report);
		return report;
	}

	/**
	 * The Kafka cluster now, with the events waiting in the till's outbox and the Kafka
	 * Connect worker's connectors: Kafka, the till and the worker are asked one after the
	 * other, each for no longer than the board's timeout.
	 */
	ClusterView cluster() {
		return this.cluster.view().with(this.till.waitingInOutbox(), this.connect.view());
	}

	/** The shelf now, as the counter's Kafka Streams topology answers it. */
	ShelfView shelf() {
		Instant now = Instant.now();
		Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(BAKED_MINUTES - 1, ChronoUnit.MINUTES);
		List<Instant> minutes = Stream.iterate(first, (minute) -> minute.plus(1, ChronoUnit.MINUTES))
			.limit(BAKED_MINUTES)
			.toList();
		return this.counter.shelf(now, minutes);
	}

	/** Whether each department is ready now. */
	List<Departments.Readiness> departments() {
		return this.departments.now();
	}

	/** The groups' lag and throughput over the last minutes. */
	Figures.History figures() {
		return this.figures.history();
	}

	/** The same as text: a sparkline per group, the last minutes up to now. */
	String curves(Duration last) {
		Duration shown = (last.compareTo(this.settings.history()) > 0) ? this.settings.history() : last;
		return this.figures.curves(Instant.now(), shown, 30);
	}

	/** Hands an order over at the counter, for the page; answers as the counter did. */
	ResponseEntity<byte[]> pickUp(UUID orderId) {
		return this.counter.pickUp(orderId);
	}

	/**
	 * Asks the counter which orders moved, and fetches those whose status or timeline
	 * changed (and those whose timeline still misses a step: the counter reads four
	 * topics with four listeners, so an order's steps may come in any order); sends each
	 * to the open pages.
	 */
	void followOrders() {
		List<MovedOrder> moved = this.counter.moved(this.settings.recentOrders()).orElse(null);
		if (moved == null) {
			return;
		}
		List<UUID> changed;
		synchronized (this.orders) {
			changed = moved.stream().filter((order) -> {
				FollowedOrder known = this.orders.get(order.orderId());
				return known == null || !Objects.equals(known.status(), order.status())
						|| !Objects.equals(known.updatedAt(), order.updatedAt()) || missesAStep(known);
			}).limit(FETCHED_PER_LOOK).map(MovedOrder::orderId).toList();
		}
		List<FollowedOrder> fetched = new ArrayList<>();
		for (UUID orderId : changed) {
			this.counter.order(orderId).ifPresent((order) -> {
				synchronized (this.orders) {
					if (!order.equals(this.orders.put(orderId, order))) {
						fetched.add(order);
					}
				}
			});
		}
		if (!fetched.isEmpty() || this.counts.isEmpty()) {
			this.counter.countByStatus().ifPresent((now) -> this.counts = now);
		}
		keepTheLatest();
		Map<String, Long> countsNow = this.counts;
		fetched.stream()
			.sorted(Comparator.comparing(FollowedOrder::updatedAt))
			.forEach((order) -> this.updates.send("order", () -> new OrderMoved(order, countsNow)));
	}

	private static boolean missesAStep(FollowedOrder order) {
		int stage = FLOW.indexOf(order.status());
		return stage >= 0 && order.timeline().size() < stage + 1;
	}

	private void keepTheLatest() {
		synchronized (this.orders) {
			int tooMany = this.orders.size() - this.settings.recentOrders();
			if (tooMany > 0) {
				this.orders.values()
					.stream()
					.sorted(Comparator.comparing(FollowedOrder::updatedAt))
					.limit(tooMany)
					.map(FollowedOrder::orderId)
					.toList()
					.forEach(this.orders::remove);
			}
		}
	}

	private List<FollowedOrder> latestOrders() {
		synchronized (this.orders) {
			return this.orders.values()
				.stream()
				.sorted(Comparator.comparing(FollowedOrder::updatedAt).reversed())
				.toList();
		}
	}

	/**
	 * Looks at Kafka, whether or not a page is open (the figures over time and the
	 * metrics need every look); while one is, sends the lag, the figures and the rest.
	 */
	private void lookAround() {
		ConsumerGroupLag.Report report = lag();
		if (!this.updates.watched()) {
			return;
		}
		this.updates.send("lag", () -> report);
		Figures.Look latest = this.figures.latest();
		if (latest != null) {
			this.updates.send("figures", () -> latest);
		}
		this.updates.sendReport("cluster", this::cluster);
		this.updates.sendReport("shelf", this::shelf);
		this.updates.sendReport("menu", this::menu);
		this.updates.sendReport("departments", this::departments);
	}

	@Override
	public void start() {
		synchronized (this.looks) {
			this.looks.add(this.scheduler.scheduleWithFixedDelay(this::followOrders, this.settings.orderInterval()));
			this.looks.add(this.scheduler.scheduleWithFixedDelay(this::lookAround, this.settings.lagInterval()));
		}
	}

	@Override
	public void stop() {
		synchronized (this.looks) {
			this.looks.forEach((look) -> look.cancel(false));
			this.looks.clear();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.looks) {
			return !this.looks.isEmpty();
		}
	}

	/**
	 * The board when a page opens.
	 *
	 * @param menu what the till sells, for the order form
	 * @param counts how many orders are in each status, as the counter last counted
	 * @param orders the most recently moved orders, latest first, each with its timeline
	 * @param tracesUrl where the reader's browser opens a trace by its id appended
	 */
	record Snapshot(List<Till.OnTheMenu> menu, Map<String, Long> counts, List<FollowedOrder> orders, String tracesUrl) {
	}

	/**
	 * An order moved; sent to open pages.
	 *
	 * @param order the order with its whole timeline
	 * @param counts the counts after the move
	 */
	record OrderMoved(FollowedOrder order, Map<String, Long> counts) {
	}

}
