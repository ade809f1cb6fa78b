package dev.bakery.sales.counter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
	 * Records a step: the order moves to its status only if that is further along than
	 * where it is, so a late event never moves it back; the customer's name is kept from
	 * whichever event brought it.
	 */
	void record(Step step) {
		this.jdbc
			.sql("""
					INSERT INTO orders (order_id, customer, status, stage, updated_at)
					VALUES (:id, :customer, :status, :stage, :at)
					ON CONFLICT (order_id) DO UPDATE SET
					    customer   = COALESCE(orders.customer, EXCLUDED.customer),
					    status     = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.status ELSE orders.status END,
					    updated_at = CASE WHEN EXCLUDED.stage > orders.stage THEN EXCLUDED.updated_at ELSE orders.updated_at END,
					    stage      = GREATEST(orders.stage, EXCLUDED.stage)
					""")
			.param("id", step.orderId())
			.param("customer", step.customer())
			.param("status", step.status().name())
			.param("stage", step.status().stage())
			.param("at", Timestamp.from(step.at()))
			.update();
		addToTimeline(step);
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
		this.jdbc
			.sql("""
					INSERT INTO timeline (order_id, status, stage, department, at, station, topic, kafka_partition, kafka_offset)
					VALUES (:id, :status, :stage, :department, :at, :station, :topic, :partition, :offset)
					ON CONFLICT (order_id, status) DO NOTHING
					""")
			.param("id", step.orderId())
			.param("status", step.status().name())
			.param("stage", step.status().stage())
			.param("department", step.status().department())
			.param("at", Timestamp.from(step.at()))
			.param("station", step.station())
			.param("topic", step.topic())
			.param("partition", step.partition())
			.param("offset", step.offset())
			.update();
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
