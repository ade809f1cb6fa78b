package dev.bakery.packaging.packing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Packaging's jobs, in its own database. */
@Repository
class PackingJobs {

	private final JdbcClient jdbc;

	PackingJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the job unless the order has one already; says whether it was added. */
	boolean addIfNew(UUID orderId, long packMillis, Instant now) {
		return this.jdbc
			.sql("INSERT INTO packing_jobs (order_id, pack_millis, status, received_at)"
					+ " VALUES (:id, :millis, 'WAITING', :now) ON CONFLICT (order_id) DO NOTHING")
			.param("id", orderId)
			.param("millis", packMillis)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Moves a job from one status to the next; false if it was not in the expected status
	 * (done already).
	 */
	boolean advance(UUID orderId, String from, String to, String timeColumn, Instant now, String station) {
		return this.jdbc
			.sql("UPDATE packing_jobs SET status = :to, " + timeColumn + " = :now, station = :station"
					+ " WHERE order_id = :id AND status = :from")
			.param("to", to)
			.param("now", Timestamp.from(now))
			.param("station", station)
			.param("id", orderId)
			.param("from", from)
			.update() == 1;
	}

	/** Jobs not finished, oldest first: after a restart they go back to the stations. */
	List<Job> unfinished() {
		return this.jdbc
			.sql("SELECT order_id, pack_millis FROM packing_jobs WHERE status <> 'PACKED' ORDER BY received_at")
			.query(Job.class)
			.list();
	}

	record Job(UUID orderId, long packMillis) {
	}

}
