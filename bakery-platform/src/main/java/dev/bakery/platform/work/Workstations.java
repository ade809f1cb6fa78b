package dev.bakery.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.TransientFailures;
import dev.bakery.platform.outbox.Outbox;

/**
 * A department's stations (ovens, packing tables), fed straight from Kafka. An instance
 * takes a record only when one of its stations is free: while all are busy its consumer
 * pauses, so the backlog waits in Kafka as the group's lag, where every Kafka tool sees
 * it, and where a member that joins the group can take it over. A record's offset is
 * committed only when its work is done.
 * <p>
 * When a partition moves to another member (a rebalance), this instance finishes what is
 * at its stations from that partition and commits it before letting the partition go, so
 * no order is worked on twice. When an instance dies instead, its unfinished records are
 * not committed; the member that gets their partition finds the job the dead one started
 * in the department's database and finishes it, for the rest of its time, reporting each
 * step once.
 * <p>
 * It joins the listener container as its {@link RecordInterceptor} (which runs on the
 * consumer's thread before every poll: there it commits and pauses) and as its rebalance
 * listener.
 *
 * @param <E> the event the department's listener receives
 */
public final class Workstations<E> implements RecordInterceptor<Object, Object>, ConsumerAwareRebalanceListener {

	/** The name of the listener container factory a department's listener uses. */
	public static final String CONTAINER_FACTORY = "stationsListenerContainerFactory";

	private static final Logger log = LoggerFactory.getLogger(Workstations.class);

	private final StationWork<E> work;

	private final StationJobs jobs;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final BakerySettings settings;

	private final ExecutorService stations;

	private final Semaphore free;

	private final PendingOffsets pending = new PendingOffsets();

	private final Set<UUID> atWork = ConcurrentHashMap.newKeySet();

	/** Only on the consumer's thread. */
	private final Set<TopicPartition> pausedHere = new HashSet<>();

	private final RetryTemplate untilItWorks = new RetryTemplate(RetryPolicy.builder()
		.predicate(TransientFailures::isTransient)
		.maxRetries(Long.MAX_VALUE)
		.delay(Duration.ofMillis(250))
		.multiplier(2)
		.maxDelay(Duration.ofSeconds(5))
		.build());

	Workstations(StationWork<E> work, StationJobs jobs, Outbox outbox, TransactionTemplate transactions,
			BakerySettings settings) {
		this.work = work;
		this.jobs = jobs;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.stations = Executors.newFixedThreadPool(work.stations(), numbered(work.stationName()));
		this.free = new Semaphore(work.stations());
	}

	/**
	 * Takes one record to a free station, on the consumer's thread. The department's
	 * listener calls it for each record it receives.
	 */
	public void take(ConsumerRecord<?, E> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		E event = record.value();
		Optional<Duration> work = this.work.work(event);
		if (work.isEmpty()) {
			this.pending.done(partition, record.offset());
			return;
		}
		// Only a record that arrives with a rebalance can find every station busy.
		this.free.acquireUninterruptibly();
		this.pending.atWork(partition, record.offset());
		Duration left;
		try {
			left = this.transactions.execute((transaction) -> begin(event, work.get()));
		}
		catch (RuntimeException ex) {
			// The container's error handler retries the record, or dead-letters it.
			this.free.release();
			this.pending.forget(partition, record.offset());
			throw ex;
		}
		if (left == null) {
			this.free.release();
			this.pending.done(partition, record.offset());
			return;
		}
		UUID orderId = this.work.orderId(event);
		this.atWork.add(orderId);
		this.stations.execute(() -> atStation(event, left, partition, record.offset()));
	}

	/** How long the work still takes, or null if there is none left to do here. */
	private Duration begin(E event, Duration work) {
		UUID orderId = this.work.orderId(event);
		Instant now = now();
		String station = this.settings.instanceId();
		if (this.jobs.start(orderId, work.toMillis(), now, station)) {
			this.outbox.append(this.work.topic(), orderId, this.work.started(event, now, station));
			log.info("Order {} goes to a free {} ({} s)", orderId, this.work.stationName(),
					this.settings.scaled(work).toSeconds());
			return this.settings.scaled(work);
		}
		StationJobs.Job job = this.jobs.find(orderId).orElseThrow();
		if (job.status() == StationJobs.Status.DONE || this.atWork.contains(orderId)) {
			log.info("Order {} was delivered again; it is {} here, nothing to do", orderId,
					(job.status() == StationJobs.Status.DONE) ? "done" : "at a station");
			return null;
		}
		Duration left = this.settings.scaled(Duration.ofMillis(job.workMillis()))
			.minus(Duration.between(job.startedAt(), now));
		log.info("Order {} was left unfinished by {}; taking it over ({} s left)", orderId, job.startedBy(),
				Math.max(0, left.toSeconds()));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private void atStation(E event, Duration left, TopicPartition partition, long offset) {
		UUID orderId = this.work.orderId(event);
		try {
			Thread.sleep(left.toMillis());
			this.untilItWorks.invoke(() -> this.transactions.executeWithoutResult((transaction) -> finish(event)));
			this.pending.done(partition, offset);
		}
		catch (InterruptedException ex) {
			// Closing abruptly: the job stays unfinished, its offset uncommitted; whoever
			// reads the partition next finishes it.
			this.pending.abandoned(partition, offset);
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Order {} could not be finished; it is redelivered after a restart", orderId, ex);
			this.pending.abandoned(partition, offset);
		}
		finally {
			this.atWork.remove(orderId);
			this.free.release();
		}
	}

	private void finish(E event) {
		UUID orderId = this.work.orderId(event);
		Instant now = now();
		String station = this.settings.instanceId();
		if (this.jobs.finish(orderId, now, station)) {
			this.outbox.append(this.work.topic(), orderId, this.work.finished(event, now, station));
			log.info("Order {} is done at its {}", orderId, this.work.stationName());
		}
	}

	/**
	 * Before every poll, on the consumer's thread: commits what is done, and pauses the
	 * consumer while every station is busy so that the backlog stays in Kafka.
	 */
	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		log.trace("Before poll: {} free, paused {}", this.free.availablePermits(), consumer.paused());
		commit(consumer, consumer.assignment());
		if (this.free.availablePermits() == 0) {
			Set<TopicPartition> assigned = consumer.assignment();
			consumer.pause(assigned);
			this.pausedHere.addAll(assigned);
		}
		else if (!this.pausedHere.isEmpty()) {
			this.pausedHere.retainAll(consumer.assignment());
			consumer.resume(this.pausedHere);
			this.pausedHere.clear();
		}
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return record;
	}

	/**
	 * Partitions going to another member: what is at a station from them is finished and
	 * committed first, so that the new owner starts after it and nothing is done twice.
	 */
	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		try {
			this.pending.awaitIdle(partitions);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		commit(consumer, partitions);
		this.pending.release(partitions);
		this.pausedHere.removeAll(partitions);
		if (!partitions.isEmpty()) {
			log.info("Handed over {}", partitions);
		}
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		// Not ours any more, and too late to commit: the new owner finishes what is open.
		this.pending.release(partitions);
		this.pausedHere.removeAll(partitions);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			log.info("Took over {}", partitions);
			commitStartOfNew(consumer, partitions);
		}
		if (this.free.availablePermits() == 0) {
			consumer.pause(partitions);
			this.pausedHere.addAll(partitions);
		}
	}

	/**
	 * A partition the group has never committed an offset for gets one at once, where
	 * reading starts: its backlog then shows as lag in every Kafka tool from the first
	 * record on, not only after the first one is done.
	 */
	private void commitStartOfNew(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
			Map<TopicPartition, OffsetAndMetadata> starts = new java.util.HashMap<>();
			for (TopicPartition partition : partitions) {
				if (committed.get(partition) == null) {
					starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
				}
			}
			if (!starts.isEmpty()) {
				consumer.commitSync(starts);
			}
		}
		catch (KafkaException ex) {
			log.warn("Could not commit where reading starts: {}", ex.getMessage());
		}
	}

	private void commit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> commits = this.pending.committable(partitions);
		if (commits.isEmpty()) {
			return;
		}
		try {
			consumer.commitSync(commits, Duration.ofSeconds(10));
			this.pending.committed(commits);
			log.debug("Committed {}", commits);
		}
		catch (KafkaException ex) {
			// Tried again before the next poll; the work is recorded, only the offset
			// waits.
			log.warn("Could not commit {}: {}", commits, ex.getMessage());
		}
	}

	/** For a dead-lettered record: it is done with, its offset can be committed. */
	void deadLettered(ConsumerRecord<?, ?> record) {
		this.pending.done(new TopicPartition(record.topic(), record.partition()), record.offset());
	}

	/** How many stations are free now. */
	public int freeStations() {
		return this.free.availablePermits();
	}

	/**
	 * Closes the stations once the consumer has stopped (and with it handed its
	 * partitions over, waiting for what was at the stations): any job still at a station
	 * now is abandoned and finished by whoever reads its partition next.
	 */
	void close() throws InterruptedException {
		this.stations.shutdown();
		if (!this.stations.awaitTermination(1, TimeUnit.SECONDS)) {
			this.stations.shutdownNow();
			this.stations.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
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
