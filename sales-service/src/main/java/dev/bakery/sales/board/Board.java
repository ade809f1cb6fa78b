package dev.bakery.sales.board;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import dev.bakery.events.Product;
import dev.bakery.platform.BakerySettings;
import dev.bakery.sales.counter.Counter;
import dev.bakery.sales.counter.OrderStatus;
import dev.bakery.sales.counter.SalesOrder;

/**
 * What the live board shows: the orders the counter follows, with the Kafka record behind
 * each step, how many orders are at each stage, how far each consumer group lags behind,
 * and the Kafka cluster: its brokers, their partitions, and what waits at the till while
 * Kafka does not take it. A board that opens gets a snapshot; after that it is sent every
 * order that moves and, every few seconds, the lag and the cluster.
 */
@Service
class Board implements SmartLifecycle {

	private final Counter counter;

	private final OrderCounts counts;

	private final ConsumerGroups groups;

	private final KafkaCluster cluster;

	private final Till till;

	private final BoardUpdates updates;

	private final TaskScheduler scheduler;

	private final BoardSettings settings;

	private final String instance;

	private volatile ScheduledFuture<?> reports;

	Board(Counter counter, OrderCounts counts, ConsumerGroups groups, KafkaCluster cluster, Till till,
			BoardUpdates updates, TaskScheduler scheduler, BoardSettings settings, BakerySettings bakery) {
		this.counter = counter;
		this.counts = counts;
		this.groups = groups;
		this.cluster = cluster;
		this.till = till;
		this.updates = updates;
		this.scheduler = scheduler;
		this.settings = settings;
		this.instance = bakery.instanceId();
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
		return new Snapshot(this.instance, MenuItem.MENU, this.counts.byStatus(), orders);
	}

	/** The consumer groups' lag now. */
	ConsumerGroupLag.Report lag() {
		return this.groups.lag();
	}

	/**
	 * The Kafka cluster now, with the events waiting in the till's outbox: Kafka and the
	 * till are asked one after the other, each for no longer than the board's timeout.
	 */
	ClusterView cluster() {
		return this.cluster.view().withWaitingAtTill(this.till.waitingInOutbox());
	}

	/** Sends an order that moved to every open board, as the counter now has it. */
	void orderMoved(UUID orderId) {
		this.updates.send("order", () -> new OrderMoved(this.counter.find(orderId), this.counts.byStatus()));
	}

	private void sendReports() {
		this.updates.sendReport("lag", this::lag);
		this.updates.sendReport("cluster", this::cluster);
	}

	@Override
	public void start() {
		this.reports = this.scheduler.scheduleWithFixedDelay(this::sendReports, this.settings.lagInterval());
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

		static final List<MenuItem> MENU = Arrays.stream(Product.values())
			.map((product) -> new MenuItem(product.name(), product.displayName()))
			.toList();

	}

}
