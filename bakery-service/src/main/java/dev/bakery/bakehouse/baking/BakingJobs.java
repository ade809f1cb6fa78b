package dev.bakery.bakehouse.baking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bakery.events.OrderLine;

/** The bake house's jobs, in its own database. */
@Repository
class BakingJobs {

	private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	BakingJobs(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Adds the job unless the order has one already; says whether it was added. */
	boolean addIfNew(UUID orderId, List<OrderLine> items, long bakeMillis, Instant now) {
		return this.jdbc.sql("INSERT INTO baking_jobs (order_id, items, bake_millis, status, received_at)"
				+ " VALUES (:id, CAST(:items AS jsonb), :millis, 'WAITING', :now) ON CONFLICT (order_id) DO NOTHING")
			.param("id", orderId)
			.param("items", this.json.writeValueAsString(items))
			.param("millis", bakeMillis)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Moves a job from one status to the next; false if it was not in the expected status
	 * (done already).
	 */
	boolean advance(UUID orderId, String from, String to, String timeColumn, Instant now, String station) {
		return this.jdbc
			.sql("UPDATE baking_jobs SET status = :to, " + timeColumn + " = :now, station = :station"
					+ " WHERE order_id = :id AND status = :from")
			.param("to", to)
			.param("now", Timestamp.from(now))
			.param("station", station)
			.param("id", orderId)
			.param("from", from)
			.update() == 1;
	}

	Optional<Job> find(UUID orderId) {
		return this.jdbc
			.sql("SELECT order_id, items::text AS items, bake_millis, status FROM baking_jobs WHERE order_id = :id")
			.param("id", orderId)
			.query((row, number) -> job(row))
			.optional();
	}

	/** Jobs not finished, oldest first: after a restart they go back to the ovens. */
	List<Job> unfinished() {
		return this.jdbc
			.sql("SELECT order_id, items::text AS items, bake_millis, status FROM baking_jobs"
					+ " WHERE status <> 'BAKED' ORDER BY received_at")
			.query((row, number) -> job(row))
			.list();
	}

	private Job job(java.sql.ResultSet row) throws java.sql.SQLException {
		return new Job(row.getObject("order_id", UUID.class), this.json.readValue(row.getString("items"), LINES),
				row.getLong("bake_millis"), row.getString("status"));
	}

	record Job(UUID orderId, List<OrderLine> items, long bakeMillis, String status) {
	}

}
