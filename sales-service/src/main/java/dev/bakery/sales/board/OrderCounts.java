package dev.bakery.sales.board;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bakery.sales.counter.OrderStatus;

/** How many orders the counter knows in each status, read from its read model. */
@Repository
class OrderCounts {

	private final JdbcClient jdbc;

	OrderCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every status, those without orders as 0. */
	Map<OrderStatus, Long> byStatus() {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, count(*) AS orders FROM orders GROUP BY status").query((row) -> {
			counts.put(OrderStatus.valueOf(row.getString("status")), row.getLong("orders"));
		});
		return counts;
	}

}
