package dev.bakery.platform.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.TransientFailures;

/**
 * A fixed number of stations (ovens, packing tables) that do simulated work: begin, take
 * the simulated time, finish. A job waits only while every station is busy, so one long
 * order holds up no more than one station. The begin and finish steps are the
 * department's transactional domain methods; a transient failure in them (the database
 * away) is retried until it succeeds, so no job is dropped halfway.
 */
public final class Workstations implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Workstations.class);

	private final ExecutorService stations;

	private final BakerySettings settings;

	/**
	 * @param name what the stations are, for thread names ("oven-1")
	 * @param count how many work at once
	 * @param settings the simulation's time scale
	 */
	public Workstations(String name, int count, BakerySettings settings) {
		this.stations = Executors.newFixedThreadPool(count, numbered(name));
		this.settings = settings;
	}

	/**
	 * Queues a job for the next free station.
	 * @param begin the transactional step that starts the work
	 * @param work how long the work takes, before the time scale
	 * @param finish the transactional step that completes it
	 */
	public void process(Runnable begin, Duration work, Runnable finish) {
		this.stations.execute(() -> {
			try {
				untilDone(begin);
				Thread.sleep(this.settings.scaled(work).toMillis());
				untilDone(finish);
			}
			catch (InterruptedException ex) {
				// Shutting down: the job is still recorded as unfinished and is picked up
				// again at the next start.
				Thread.currentThread().interrupt();
			}
		});
	}

	/**
	 * Queues a job for the next free station once the current transaction has committed,
	 * so that no station works on a job whose acceptance was rolled back.
	 * @param begin the transactional step that starts the work
	 * @param work how long the work takes, before the time scale
	 * @param finish the transactional step that completes it
	 */
	public void processAfterCommit(Runnable begin, Duration work, Runnable finish) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				process(begin, work, finish);
			}
		});
	}

	private static void untilDone(Runnable step) throws InterruptedException {
		long pause = 250;
		while (true) {
			try {
				step.run();
				return;
			}
			catch (RuntimeException ex) {
				if (!TransientFailures.isTransient(ex)) {
					throw ex;
				}
				log.warn("Transient failure, retrying in {} ms: {}", pause, ex.getMessage());
				Thread.sleep(pause);
				pause = Math.min(pause * 2, 5_000);
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.stations.shutdownNow();
		this.stations.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static ThreadFactory numbered(String name) {
		AtomicInteger number = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
