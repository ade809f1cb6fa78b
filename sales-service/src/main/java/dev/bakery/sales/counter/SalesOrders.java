package dev.bakery.sales.counter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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
	 */
	void record(List<Step> steps) {
		if (steps.isEmpty()) {
			return;
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
		addToTimeline(steps);
	}

	/** Adds steps to their orders' timelines; one already there stays as it was. */
	private void addToTimeline(List<Step> steps) {
		this.jdbc.sql("""
				INSERT INTO timeline (order_id, status, stage, department, at, station, topic, kafka_partition,
				                      kafka_offset, trace_id)
				SELECT * FROM unnest(:ids::uuid[], :statuses::text[], :stages::integer[], :departments::text[],
				                     :ats::timestamptz[], :stations::text[], :topics::text[], :partitions::integer[],
				                     :offsets::bigint[], :traces::text[])
				ON CONFLICT (order_id, status) DO NOTHING
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
			.update();
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
