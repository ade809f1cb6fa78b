package dev.bakery.bakehouse.baking;

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
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.work.Workstations;

/**
 * The bake house. An accepted order waits for a free oven, goes in ({@code IN_OVEN}),
 * bakes for its simulated time and comes out ({@code BAKED}). Each step changes the job
 * and records its event in one transaction; the job's status guards every step, so a
 * redelivered order or a repeated step changes nothing and emits nothing twice.
 */
@Service
class Bakehouse implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Bakehouse.class);

	private final BakingJobs jobs;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Workstations ovens;

	private final BakehouseSettings settings;

	private final String station;

	Bakehouse(BakingJobs jobs, Outbox outbox, TransactionTemplate transactions, BakehouseSettings settings,
			BakerySettings bakery) {
		this.jobs = jobs;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.station = bakery.instanceId();
		this.ovens = new Workstations("oven", settings.ovens(), bakery);
	}

	/**
	 * Takes an order into the bake house, once: a second delivery of the same order finds
	 * its job and is ignored.
	 */
	void accept(OrderPlaced order) {
		this.transactions.executeWithoutResult((transaction) -> {
			Duration bakeTime = BakeTime.of(order.items(), this.settings.traySize());
			if (this.jobs.addIfNew(order.orderId(), order.items(), bakeTime.toMillis(), now())) {
				log.info("Order {} for {} waits for an oven ({} s of baking)", order.orderId(), order.customer(),
						bakeTime.toSeconds());
				this.ovens.processAfterCommit(putInOven(order.orderId()), bakeTime, takeOut(order.orderId()));
			}
			else {
				log.info("Order {} is already in the bake house; duplicate delivery ignored", order.orderId());
			}
		});
	}

	/**
	 * Jobs a stopped or crashed instance left unfinished go back to the ovens when the
	 * bake house opens.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		for (BakingJobs.Job job : this.jobs.unfinished()) {
			log.info("Resuming order {} ({})", job.orderId(), job.status());
			this.ovens.process(putInOven(job.orderId()), Duration.ofMillis(job.bakeMillis()), takeOut(job.orderId()));
		}
	}

	private Runnable putInOven(UUID orderId) {
		return () -> step(orderId, "WAITING", BakingStatusChanged.Status.IN_OVEN, "in_oven_at");
	}

	private Runnable takeOut(UUID orderId) {
		return () -> step(orderId, "IN_OVEN", BakingStatusChanged.Status.BAKED, "baked_at");
	}

	private void step(UUID orderId, String from, BakingStatusChanged.Status to, String timeColumn) {
		this.transactions.executeWithoutResult((transaction) -> {
			Instant now = now();
			if (this.jobs.advance(orderId, from, to.name(), timeColumn, now, this.station)) {
				BakingJobs.Job job = this.jobs.find(orderId).orElseThrow();
				this.outbox.append(Topics.BAKING_STATUS, orderId,
						new BakingStatusChanged(orderId, to, job.items(), now, this.station));
				log.info("Order {} {}", orderId, to);
			}
		});
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public void close() throws InterruptedException {
		this.ovens.close();
	}

}
