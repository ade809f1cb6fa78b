package dev.bakery.sales.board;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.menu.MenuTable;
import dev.bakery.sales.counter.Counter;
import dev.bakery.sales.counter.OrderStatus;
import dev.bakery.sales.counter.SalesOrder;
import dev.bakery.sales.shelf.Shelf;
import dev.bakery.sales.shelf.ShelfNotReady;

/**
 * What the live board shows: the orders the counter follows, with the Kafka record behind
 * each step, how many orders are at each stage, how far each consumer group lags behind,
 * and the Kafka cluster: its brokers, their partitions, and what waits at the till while
 * Kafka does not take it; and the shelf, the same orders as the counter's Kafka Streams
 * topology holds them; and the menu the bake houses offer. A board that opens gets a
 * snapshot; after that it is sent every order that moves and, every few seconds, the lag,
 * the cluster, the shelf and the menu.
 */
@Service
class Board implements SmartLifecycle {

	/** How many of the orders on the shelf the board lists, latest change first. */
	static final int SHELF_ORDERS = 5;

	/** How many minutes of pieces baked the board shows, this one included. */
	static final int BAKED_MINUTES = 10;

	private final Counter counter;

	private final OrderCounts counts;

	private final ConsumerGroups groups;

	private final KafkaCluster cluster;

	private final Till till;

	private final Shelf shelf;

	private final BoardUpdates updates;

	private final TaskScheduler scheduler;

	private final BoardSettings settings;

	private final String instance;

	private final MenuTable menu;

	private final CounterReplay.Follower replays = new CounterReplay.Follower();

	private volatile ScheduledFuture<?> reports;

	Board(Counter counter, OrderCounts counts, ConsumerGroups groups, KafkaCluster cluster, Till till, Shelf shelf,
			BoardUpdates updates, TaskScheduler scheduler, BoardSettings settings, BakerySettings bakery,
			MenuTable menu) {
		this.counter = counter;
		this.counts = counts;
		this.groups = groups;
		this.cluster = cluster;
		this.till = till;
		this.shelf = shelf;
		this.updates = updates;
		this.scheduler = scheduler;
		this.settings = settings;
		this.instance = bakery.instanceId();
		this.menu = menu;
	}

	/**
	 * The board as it is now: the most recently moved orders with their timelines, and
	 * the counts.
	 */
	Snapshot snapshot() {
		// One look-up per order: a snapshot is taken once per opened board, and the
		// counter's API stays the one way in.
		List<SalesOrder> orders = this.counter.list(null, this.settings.recentOrders())
			.stream()
			.map((summary) -> this.counter.find(summary.orderId()))
			.toList();
		return new Snapshot(this.instance, menu(), this.counts.byStatus(), orders);
	}

	/** What the bake houses offer on {@code bakery.menu} now, for the order form. */
	List<MenuItem> menu() {
		return this.menu.products().stream().map((offer) -> new MenuItem(offer.product(), offer.name())).toList();
	}

	/**
	 * The consumer groups' lag now, with the changes of their members the board has
	 * noticed and the counter's replay while it is behind the log.
	 */
	ConsumerGroupLag.Report lag() {
		return this.replays.follow(this.groups.lag());
	}

	/**
	 * The Kafka cluster now, with the events waiting in the till's outbox: Kafka and the
	 * till are asked one after the other, each for no longer than the board's timeout.
	 */
	ClusterView cluster() {
		return this.cluster.view().withWaitingAtTill(this.till.waitingInOutbox());
	}

	/**
	 * The shelf now, asked of the Kafka Streams topology's state stores in this process;
	 * a view with a problem, never an exception, while they are being restored.
	 */
	ShelfView shelf() {
		Instant now = Instant.now();
		Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(BAKED_MINUTES - 1, ChronoUnit.MINUTES);
		List<Instant> minutes = Stream.iterate(first, (minute) -> minute.plus(1, ChronoUnit.MINUTES))
			.limit(BAKED_MINUTES)
			.toList();
		try {
			// Every order on the shelf, for the counts; the view lists the latest few.
			List<Shelf.ShelvedOrder> shelved = this.shelf.list(null, Integer.MAX_VALUE);
			// The windows that start from the first minute shown on: exactly those shown.
			List<Shelf.BakedInMinute> baked = this.shelf.bakedPerMinute(Duration.between(first, now), now);
			return ShelfView.of(now, shelved, SHELF_ORDERS, minutes, baked);
		}
		catch (ShelfNotReady ex) {
			return ShelfView.notReady(now, ex.getBody().getDetail());
		}
	}

	/** Sends an order that moved to every open board, as the counter now has it. */
	void orderMoved(UUID orderId) {
		this.updates.send("order", () -> new OrderMoved(this.counter.find(orderId), this.counts.byStatus()));
	}

	private void sendReports() {
		if (this.updates.watched()) {
			this.updates.sendReport("lag", this::lag);
			this.updates.sendReport("cluster", this::cluster);
			this.updates.sendReport("shelf", this::shelf);
			this.updates.sendReport("menu", this::menu);
		}
		else if (this.replays.unfinished()) {
			// Just started, or behind the log: the replay is followed (and the groups'
			// members compared) also before a page is back to watch it; a page that
			// lost the restarted counter is shown what happened meanwhile.
			lag();
		}
	}

	/**
	 * Looks at the consumer groups once before the counter's listeners start (see
	 * {@link #getPhase()}): where the counter's group begins to read, from the beginning
	 * of the log after its offsets were reset, and that it has no members yet. Then the
	 * reports, every few seconds.
	 */
	@Override
	public void start() {
		lag();
		this.reports = this.scheduler.scheduleWithFixedDelay(this::sendReports, this.settings.lagInterval());
	}

	/** Started before the Kafka listener containers, stopped after them. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

	@Override
	public void stop() {
		ScheduledFuture<?> scheduled = this.reports;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		this.reports = null;
	}

	@Override
	public boolean isRunning() {
		return this.reports != null;
	}

	/**
	 * The board when it opens.
	 *
	 * @param instance which sales-service instance serves it
	 * @param menu what the till sells, for the order form
	 * @param counts how many orders are in each status
	 * @param orders the most recently moved orders, each with its timeline
	 */
	record Snapshot(String instance, List<MenuItem> menu, Map<OrderStatus, Long> counts, List<SalesOrder> orders) {
	}

	/**
	 * An order moved; sent to open boards.
	 *
	 * @param order the order with its whole timeline
	 * @param counts the counts after the move
	 */
	record OrderMoved(SalesOrder order, Map<OrderStatus, Long> counts) {
	}

	/**
	 * A product of the menu.
	 *
	 * @param product its name on the wire, e.g. {@code BREZEL}
	 * @param name its name for people
	 */
	record MenuItem(String product, String name) {
	}

}
