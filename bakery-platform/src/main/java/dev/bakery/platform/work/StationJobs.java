package dev.bakery.platform.work;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The department's jobs, one per order, in its own database. Every change is guarded by
 * the order id and the job's status, so a redelivered event or a repeated step changes
 * nothing.
 */
class StationJobs {

	private final JdbcClient jdbc;

	StationJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Starts the order's job unless it has one already; says whether it started. */
	boolean start(UUID orderId, long workMillis, Instant now, String station) {
		return this.jdbc
			.sql("INSERT INTO station_jobs (order_id, status, work_millis, started_at, started_by)"
					+ " VALUES (:id, :status, :millis, :now, :station) ON CONFLICT (order_id) DO NOTHING")
			.param("id", orderId)
			.param("status", Status.WORKING.name())
			.param("millis", workMillis)
			.param("now", Timestamp.from(now))
			.param("station", station)
			.update() == 1;
	}

	/**
	 * Records jobs that take no time as done at once, those of orders that have none yet,
	 * in one statement; says which orders got one.
	 * @param work each order's work, before the time scale, in milliseconds
	 */
	List<UUID> doneAtOnce(Map<UUID, Long> work, Instant now, String station) {
		return this.jdbc
			.sql("INSERT INTO station_jobs (order_id, status, work_millis, started_at, finished_at, started_by,"
					+ " finished_by) SELECT job.order_id, :done, job.work_millis, :now, :now, :station, :station"
					+ " FROM unnest(:ids::uuid[], :millis::bigint[]) AS job(order_id, work_millis)"
					+ " ON CONFLICT (order_id) DO NOTHING RETURNING order_id")
			.param("done", Status.DONE.name())
			.param("now", Timestamp.from(now))
			.param("station", station)
			.param("ids", work.keySet().stream().map(UUID::toString).toArray(String[]::new))
			.param("millis", work.values().toArray(Long[]::new))
			.query(UUID.class)
			.list();
	}

	/**
	 * Finishes the job if it is still at work, and says when it started (for the
	 * department's timer); empty if it was finished already.
	 */
	Optional<Instant> finish(UUID orderId, Instant now, String station) {
		return this.jdbc
			.sql("UPDATE station_jobs SET status = :done, finished_at = :now, finished_by = :station"
					+ " WHERE order_id = :id AND status = :working RETURNING started_at")
			.param("done", Status.DONE.name())
			.param("now", Timestamp.from(now))
			.param("station", station)
			.param("id", orderId)
			.param("working", Status.WORKING.name())
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	Optional<Job> find(UUID orderId) {
		return this.jdbc
			.sql("SELECT order_id, status, work_millis, started_at, started_by FROM station_jobs WHERE order_id = :id")
			.param("id", orderId)
			.query((row, number) -> new Job(row.getObject("order_id", UUID.class),
					Status.valueOf(row.getString("status")), row.getLong("work_millis"),
					row.getTimestamp("started_at").toInstant(), row.getString("started_by")))
			.optional();
	}

	enum Status {

		/** At a station, or left there by an instance that stopped abruptly. */
		WORKING,

		/** Done, and its events recorded. */
		DONE

	}

	record Job(UUID orderId, Status status, long workMillis, Instant startedAt, String startedBy) {
	}

}
