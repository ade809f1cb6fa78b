package dev.bakery.sales.counter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The counter's read model of all orders and their timelines, in its own database. */
@Repository
class SalesOrders {

	private static final String ADD_TO_TIMELINE = """
			INSERT INTO timeline (order_id, status, stage, department, at, station, topic, kafka_partition, kafka_offset)
			VALUES (:id, :status, :stage, :department, :at, :station, :topic, :partition, :offset)
			ON CONFLICT (order_id, status) DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batches;

	SalesOrders(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Records steps, as one JDBC batch per statement: an order moves to a step's status
	 * only if that is further along than where it is, so a late event never moves it
	 * back; the customer's name is kept from whichever event brought it.
	 */
	void record(List<Step> steps) {
		if (steps.isEmpty()) {
			return;
		}
		this.batches.batchUpdate(
				"""
						INSERT INTO orders (order_id, customer, status, stage, updated_at)
						VALUES (:id, :customer, :status, :stage, :at)
						ON CONFLICT (order_id) DO UPDATE SET
						    customer   = COALESCE(orders.customer, EXCLUDED.customer),
						    status     = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.status ELSE orders.status END,
						    updated_at = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.updated_at ELSE orders.updated_at END,
						    stage      = GREATEST(orders.stage, EXCLUDED.stage)
						""",
				steps.stream()
					.map((step) -> new MapSqlParameterSource().addValue("id", step.orderId())
						.addValue("customer", step.customer())
						.addValue("status", step.status().name())
						.addValue("stage", step.status().stage())
						.addValue("at", Timestamp.from(step.at())))
					.toArray(SqlParameterSource[]::new));
		this.batches.batchUpdate(ADD_TO_TIMELINE,
				steps.stream().map(SalesOrders::timelineParameters).toArray(SqlParameterSource[]::new));
	}

	/** Moves a ready order to HANDED_OVER; false if it was not ready. */
	boolean handOver(UUID orderId, Instant at, String station) {
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
			addToTimeline(new Step(orderId, OrderStatus.HANDED_OVER, null, at, station, null, null, null));
		}
		return handedOver;
	}

	private void addToTimeline(Step step) {
		this.batches.update(ADD_TO_TIMELINE, timelineParameters(step));
	}

	private static SqlParameterSource timelineParameters(Step step) {
		return new MapSqlParameterSource().addValue("id", step.orderId())
			.addValue("status", step.status().name())
			.addValue("stage", step.status().stage())
			.addValue("department", step.status().department())
			.addValue("at", Timestamp.from(step.at()))
			.addValue("station", step.station())
			.addValue("topic", step.topic())
			.addValue("partition", step.partition())
			.addValue("offset", step.offset());
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
			.sql("SELECT status, department, at, station, topic, kafka_partition, kafka_offset FROM timeline"
					+ " WHERE order_id = :id ORDER BY stage")
			.param("id", orderId)
			.query((row, number) -> new SalesOrder.TimelineEntry(OrderStatus.valueOf(row.getString("status")),
					row.getString("department"), row.getTimestamp("at").toInstant(), row.getString("station"),
					row.getString("topic"), row.getObject("kafka_partition", Integer.class),
					row.getObject("kafka_offset", Long.class)))
			.list();
	}

}
