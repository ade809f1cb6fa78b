package dev.bakery.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.bakery.platform.BakerySettings;

/**
 * Deletes the outbox's sent rows once they are older than
 * {@code bakery.outbox.retention}, so that the table does not grow for ever; rows still
 * to be sent stay, however old.
 * <ul>
 * <li>With the own relay a row is sent once Kafka acknowledged it ({@code published_at}):
 * deleted a retention after that.</li>
 * <li>With Kafka Connect the table is not what Debezium reads: it reads each insert from
 * PostgreSQL's write-ahead log, and the replication slot keeps that log until Debezium
 * has confirmed it. So a row is deleted a retention after it was written, but only while
 * a slot reads this database; without one nothing would have read the log yet.</li>
 * </ul>
 * Every instance of a department cleans up; a second one finds nothing left to do.
 */
class OutboxCleanup implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);

	/** Rows per statement: a long backlog goes in several short transactions. */
	private static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	private final BakerySettings.Outbox settings;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "outbox-cleanup");
		thread.setDaemon(true);
		return thread;
	});

	OutboxCleanup(JdbcClient jdbc, BakerySettings.Outbox settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long interval = this.settings.cleanupInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

	private void runQuietly() {
		try {
			long deleted = deleteSent();
			if (deleted > 0) {
				log.info("Outbox clean-up deleted {} rows sent more than {} ago", deleted, this.settings.retention());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Outbox clean-up could not run, will try again: {}", ex.getMessage());
		}
	}

	/** Deletes the rows sent longer than a retention ago. */
	long deleteSent() {
		String sent = (this.settings.relay() == BakerySettings.Relay.OWN)
				? "published_at < now() - :retention::interval"
				: "created_at < now() - :retention::interval AND EXISTS (SELECT 1 FROM pg_replication_slots"
						+ " WHERE database = current_database())";
		long total = 0;
		int deleted;
		do {
			deleted = this.jdbc
				.sql("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE " + sent + " LIMIT " + BATCH + ")")
				.param("retention", interval(this.settings.retention()))
				.update();
			total += deleted;
		}
		while (deleted == BATCH);
		return total;
	}

	private static String interval(Duration duration) {
		return duration.toMillis() + " milliseconds";
	}

}
