package dev.bakery.checkout.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bakery.events.OrderLine;

/** The orders the till took, in its own database. */
@Repository
class Orders {

	private final JdbcClient jdbc;

	Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Order order, String idempotencyKey, String fingerprint) {
		this.jdbc
			.sql("INSERT INTO orders (id, customer, status, placed_at, idempotency_key, request_fingerprint)"
					+ " VALUES (:id, :customer, :status, :placedAt, :key, :fingerprint)")
			.param("id", order.orderId())
			.param("customer", order.customer())
			.param("status", order.status())
			.param("placedAt", Timestamp.from(order.placedAt()))
			.param("key", idempotencyKey)
			.param("fingerprint", fingerprint)
			.update();
		for (int line = 0; line < order.items().size(); line++) {
			OrderLine item = order.items().get(line);
			this.jdbc
				.sql("INSERT INTO order_lines (order_id, line_no, product, quantity)"
						+ " VALUES (:id, :line, :product, :quantity)")
				.param("id", order.orderId())
				.param("line", line)
				.param("product", item.product())
				.param("quantity", item.quantity())
				.update();
		}
	}

	Optional<Order> find(UUID id) {
		return this.jdbc.sql("SELECT id, customer, status, placed_at FROM orders WHERE id = :id")
			.param("id", id)
			.query((row, number) -> new Order(row.getObject("id", UUID.class), row.getString("customer"),
					linesOf(row.getObject("id", UUID.class)), row.getString("status"),
					row.getTimestamp("placed_at").toInstant()))
			.optional();
	}

	/**
	 * The order an idempotency key was first used for, and the fingerprint of that
	 * request.
	 */
	Optional<Keyed> findByIdempotencyKey(String key) {
		return this.jdbc.sql("SELECT id, request_fingerprint FROM orders WHERE idempotency_key = :key")
			.param("key", key)
			.query((row, number) -> new Keyed(row.getObject("id", UUID.class), row.getString("request_fingerprint")))
			.optional();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
	}

	private List<OrderLine> linesOf(UUID id) {
		return this.jdbc.sql("SELECT product, quantity FROM order_lines WHERE order_id = :id ORDER BY line_no")
			.param("id", id)
			.query((row, number) -> new OrderLine(row.getString("product"), row.getInt("quantity")))
			.list();
	}

	record Keyed(UUID orderId, String fingerprint) {
	}

}
