package dev.bakery.sales.counter;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The counter's read model of all orders and their timelines, in its own database. */
@Repository
class SalesOrders {

	private final JdbcClient jdbc;

	SalesOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records steps, one statement for the orders and one for their timelines however
	 * many steps there are: an order moves to a step's status only if that is further
	 * along than where it is, so a late event never moves it back; the customer's name is
	 * kept from whichever event brought it; a step already in the timeline stays as it
	 * was.
	 * @param steps in the order the orders' rows are to be locked
	 * @return how long each order took from placed to ready for pickup (by the
	 * departments' clocks), for the orders whose timeline these steps made hold both for
	 * the first time: each order once, when the later of the two arrives
	 */
	List<Duration> record(List<Step> steps) {
		if (steps.isEmpty()) {
			return List.of();
		}
		// Each order once in the statement: its furthest step of these, and the
		// customer's
		// name if one of them brought it.
		Map<UUID, Step> furthest = new LinkedHashMap<>();
		Map<UUID, String> customers = new HashMap<>();
		for (Step step : steps) {
			furthest.merge(step.orderId(), step,
					(kept, next) -> (next.status().stage() > kept.status().stage()) ? next : kept);
			if (step.customer() != null) {
				customers.putIfAbsent(step.orderId(), step.customer());
			}
		}
		List<Step> orders = List.copyOf(furthest.values());
		this.jdbc
			.sql("""
					INSERT INTO orders (order_id, customer, status, stage, updated_at)
					SELECT * FROM unnest(:ids::uuid[], :customers::text[], :statuses::text[], :stages::integer[],
					                     :ats::timestamptz[])
					ON CONFLICT (order_id) DO UPDATE SET
					    customer   = COALESCE(orders.customer, EXCLUDED.customer),
					    status     = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.status ELSE orders.status END,
					    updated_at = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.updated_at ELSE orders.updated_at END,
					    stage      = GREATEST(orders.stage, EXCLUDED.stage)
					""")
			.param("ids", column(orders, (step) -> step.orderId().toString()))
			.param("customers", column(orders, (step) -> customers.get(step.orderId())))
			.param("statuses", column(orders, (step) -> step.status().name()))
			.param("stages", orders.stream().map((step) -> step.status().stage()).toArray(Integer[]::new))
			.param("ats", column(orders, (step) -> step.at().toString()))
			.update();
		Set<UUID> bothEnds = addToTimeline(steps).stream()
			.filter((added) -> added.status() == OrderStatus.PLACED || added.status() == OrderStatus.READY_FOR_PICKUP)
			.map(Added::orderId)
			.collect(Collectors.toSet());
		return bothEnds.isEmpty() ? List.of() : placedToReady(bothEnds);
	}

	/**
	 * The time from placed to ready for pickup of those of these orders that have both
	 * steps.
	 */
	private List<Duration> placedToReady(Set<UUID> orders) {
		return this.jdbc.sql("""
				SELECT (extract(epoch FROM ready.at - placed.at) * 1000000)::bigint AS micros FROM timeline ready
				JOIN timeline placed ON placed.order_id = ready.order_id AND placed.status = 'PLACED'
				WHERE ready.status = 'READY_FOR_PICKUP' AND ready.order_id = ANY(:ids::uuid[])
				""")
			.param("ids", orders.stream().map(UUID::toString).toArray(String[]::new))
			.query((row, number) -> Duration.of(row.getLong("micros"), ChronoUnit.MICROS))
			.list();
	}

	/**
	 * Adds steps to their orders' timelines; one already there stays as it was. Says
	 * which were added.
	 */
	private List<Added> addToTimeline(List<Step> steps) {
		return this.jdbc.sql("""
				INSERT INTO timeline (order_id, status, stage, department, at, station, topic, kafka_partition,
				                      kafka_offset, trace_id)
				SELECT * FROM unnest(:ids::uuid[], :statuses::text[], :stages::integer[], :departments::text[],
				                     :ats::timestamptz[], :stations::text[], :topics::text[], :partitions::integer[],
				                     :offsets::bigint[], :traces::text[])
				ON CONFLICT (order_id, status) DO NOTHING
				RETURNING order_id, status
				""")
			.param("ids", column(steps, (step) -> step.orderId().toString()))
			.param("statuses", column(steps, (step) -> step.status().name()))
			.param("stages", steps.stream().map((step) -> step.status().stage()).toArray(Integer[]::new))
			.param("departments", column(steps, (step) -> step.status().department()))
			.param("ats", column(steps, (step) -> step.at().toString()))
			.param("stations", column(steps, Step::station))
			.param("topics", column(steps, Step::topic))
			.param("partitions", steps.stream().map(Step::partition).toArray(Integer[]::new))
			.param("offsets", steps.stream().map(Step::offset).toArray(Long[]::new))
			.param("traces", column(steps, Step::traceId))
			.query((row, number) -> new Added(row.getObject("order_id", UUID.class),
					OrderStatus.valueOf(row.getString("status"))))
			.list();
	}

	/** A step added to an order's timeline. */
	private record Added(UUID orderId, OrderStatus status) {
	}

	private static String[] column(List<Step> steps, Function<Step, String> value) {
		return steps.stream().map(value).toArray(String[]::new);
	}

	/**
	 * Moves a ready order to HANDED_OVER, in the trace of the hand-over; false if it was
	 * not ready.
	 */
	boolean handOver(UUID orderId, Instant at, String station, String traceparent) {
		boolean handedOver = this.jdbc
			.sql("UPDATE orders SET status = :status, stage = :stage, updated_at = :at"
					+ " WHERE order_id = :id AND status = :ready")
			.param("status", OrderStatus.HANDED_OVER.name())
			.param("stage", OrderStatus.HANDED_OVER.stage())
			.param("at", Timestamp.from(at))
			.param("id", orderId)
			.param("ready", OrderStatus.READY_FOR_PICKUP.name())
			.update() == 1;
		if (handedOver) {
			addToTimeline(List
				.of(new Step(orderId, OrderStatus.HANDED_OVER, null, at, station, null, null, null, traceparent)));
		}
		return handedOver;
	}

	Optional<SalesOrder> find(UUID orderId) {
		return this.jdbc.sql("SELECT order_id, customer, status, updated_at FROM orders WHERE order_id = :id")
			.param("id", orderId)
			.query((row, number) -> new SalesOrder(row.getObject("order_id", UUID.class), row.getString("customer"),
					OrderStatus.valueOf(row.getString("status")), row.getTimestamp("updated_at").toInstant(),
					timelineOf(orderId)))
			.optional();
	}

	/** Orders, most recently changed first, optionally only those in one status. */
	List<SalesOrder.Summary> list(OrderStatus status, int limit) {
		return this.jdbc.sql("SELECT order_id, customer, status, updated_at FROM orders"
				+ " WHERE (CAST(:status AS text) IS NULL OR status = :status) ORDER BY updated_at DESC LIMIT :limit")
			.param("status", (status != null) ? status.name() : null)
			.param("limit", limit)
			.query((row, number) -> new SalesOrder.Summary(row.getObject("order_id", UUID.class),
					row.getString("customer"), OrderStatus.valueOf(row.getString("status")),
					row.getTimestamp("updated_at").toInstant()))
			.list();
	}

	/** How many orders are in each status; every status, those without orders as 0. */
	Map<OrderStatus, Long> countByStatus() {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, count(*) AS orders FROM orders GROUP BY status").query((row) -> {
			counts.put(OrderStatus.valueOf(row.getString("status")), row.getLong("orders"));
		});
		return counts;
	}

	private List<SalesOrder.TimelineEntry> timelineOf(UUID orderId) {
		return this.jdbc
			.sql("SELECT status, department, at, station, topic, kafka_partition, kafka_offset, trace_id FROM timeline"
					+ " WHERE order_id = :id ORDER BY stage")
			.param("id", orderId)
			.query((row, number) -> new SalesOrder.TimelineEntry(OrderStatus.valueOf(row.getString("status")),
					row.getString("department"), row.getTimestamp("at").toInstant(), row.getString("station"),
					row.getString("topic"), row.getObject("kafka_partition", Integer.class),
					row.getObject("kafka_offset", Long.class), row.getString("trace_id")))
			.list();
	}

}
