package dev.bakery.packaging.packing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.work.Workstations;

/**
 * Packaging. A baked order waits for a free station, is packed ({@code PACKING}) for its
 * simulated time, and is done ({@code PACKED}). Each step changes the job and records its
 * event in one transaction, guarded by the job's status, so a redelivered event or a
 * repeated step changes nothing and emits nothing twice.
 */
@Service
class Packing implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Packing.class);

	private final PackingJobs jobs;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Workstations stations;

	private final String station;

	Packing(PackingJobs jobs, Outbox outbox, TransactionTemplate transactions, PackagingSettings settings,
			BakerySettings bakery) {
		this.jobs = jobs;
		this.outbox = outbox;
		this.transactions = transactions;
		this.station = bakery.instanceId();
		this.stations = new Workstations("packing-station", settings.stations(), bakery);
	}

	/** Takes a baked order to pack, once. */
	void accept(BakingStatusChanged baked) {
		this.transactions.executeWithoutResult((transaction) -> {
			Duration packTime = PackTime.of(baked.items());
			if (this.jobs.addIfNew(baked.orderId(), packTime.toMillis(), now())) {
				log.info("Order {} waits for a packing station ({} s of packing)", baked.orderId(),
						packTime.toSeconds());
				this.stations.processAfterCommit(startPacking(baked.orderId()), packTime,
						finishPacking(baked.orderId()));
			}
			else {
				log.info("Order {} is already in packaging; duplicate delivery ignored", baked.orderId());
			}
		});
	}

	/**
	 * Jobs a stopped or crashed instance left unfinished go back to the stations at
	 * start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		for (PackingJobs.Job job : this.jobs.unfinished()) {
			log.info("Resuming order {}", job.orderId());
			this.stations.process(startPacking(job.orderId()), Duration.ofMillis(job.packMillis()),
					finishPacking(job.orderId()));
		}
	}

	private Runnable startPacking(UUID orderId) {
		return () -> step(orderId, "WAITING", PackagingStatusChanged.Status.PACKING, "packing_at");
	}

	private Runnable finishPacking(UUID orderId) {
		return () -> step(orderId, "PACKING", PackagingStatusChanged.Status.PACKED, "packed_at");
	}

	private void step(UUID orderId, String from, PackagingStatusChanged.Status to, String timeColumn) {
		this.transactions.executeWithoutResult((transaction) -> {
			Instant now = now();
			if (this.jobs.advance(orderId, from, to.name(), timeColumn, now, this.station)) {
				this.outbox.append(Topics.PACKAGING_STATUS, orderId,
						new PackagingStatusChanged(orderId, to, now, this.station));
				log.info("Order {} {}", orderId, to);
			}
		});
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public void close() throws InterruptedException {
		this.stations.close();
	}

}
