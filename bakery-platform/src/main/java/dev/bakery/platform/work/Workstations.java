package dev.bakery.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
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
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.TransientFailures;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.tracing.Traceparents;

/**
 * A department's stations (ovens, packing tables), fed straight from Kafka. An instance
 * takes a record only when one of its stations is free: while all are busy its consumer
 * pauses, so the backlog waits in Kafka as the group's lag, where every Kafka tool sees
 * it, and where a member that joins the group can take it over. A record's offset is
 * committed only when its work is done.
 * <p>
 * When a partition moves to another member (a rebalance), it moves at once: what this
 * instance has at its stations from it stays there and is finished here, but its offset
 * is no longer this instance's to commit. The new owner reads those records again, finds
 * their jobs at work in the department's database (which every instance shares), and
 * waits for them to be done (without taking a station for that) before it moves the
 * partition's offset on; so no order is worked on twice, and no rebalance waits for an
 * oven. When an instance dies instead, the jobs it left at work are never done: the
 * instance that waits for one takes it over once it is overdue, and finishes it,
 * reporting each step once.
 * <p>
 * A poll brings at most as many records as the stations take (one each, see below for
 * time scale 0); a record that finds every station busy goes back to Kafka (the consumer
 * seeks back to it, and the records after it in that poll are skipped), so that the
 * instance never holds more than its stations can take. Offsets are committed
 * asynchronously before every poll, and synchronously when partitions go to another
 * member.
 * <p>
 * When the work takes no time (time scale 0, the benchmark's), a station takes a tray of
 * up to {@link #TRAY} orders at a time and begins and finishes all their jobs in one
 * database transaction, a statement for all their jobs and one for all their events: what
 * a poll brought is shared out among the stations once the poll's records are all taken,
 * and the stations' transactions run side by side. One commit then carries many orders
 * instead of one, and a poll brings up to a tray per station. If a tray's transaction
 * fails, its orders are done one by one, so that only the one that cannot be done is
 * left.
 * <p>
 * It joins the listener container as its {@link RecordInterceptor} (which runs on the
 * consumer's thread before every poll: there it commits and pauses; and before every
 * record: there it reserves a station or hands the record back) and as its rebalance
 * listener.
 * <p>
 * An order's time at a station is a span of its trace, named after the station
 * ({@code oven}), a child of the span in which the department's listener received the
 * record; the event that reports the work done continues it. A wait for another
 * instance's station is a span too ({@code waiting for oven}).
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

	private final Traceparents traces;

	private final ExecutorService stations;

	/**
	 * Waits for jobs at work elsewhere. Waiting needs no station: the stations stay free
	 * for work of their own.
	 */
	private final ExecutorService waiting;

	private final Semaphore free;

	private final PendingOffsets pending = new PendingOffsets();

	/** How many orders from each partition are at this instance's stations now. */
	private final Map<TopicPartition, Integer> atStations = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * How long past its expected end a job another instance started may stay unfinished
	 * before this instance takes it over: that instance has died.
	 */
	static final Duration OVERDUE = Duration.ofSeconds(10);

	/**
	 * How long a poll waits for records, and a record for a free station before it goes
	 * back to Kafka.
	 */
	static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

	/**
	 * How many orders a station takes at a time when the work takes no time (time scale
	 * 0): enough that one commit carries many, few enough that a tray is soon done.
	 */
	static final int TRAY = 50;

	/**
	 * Whether the work takes no time, so that a station takes a tray of orders at once.
	 */
	private final boolean instant;

	/** Orders of the current poll taken for a tray, not yet at a station. */
	private final List<Taken<E>> tray = new ArrayList<>();

	/** Only on the consumer's thread. */
	private final Set<TopicPartition> pausedHere = new HashSet<>();

	/**
	 * The partitions whose next record needs what this instance lacks: paused until they
	 * go to a member that has it. Kept through a rebalance's revocation, so that this
	 * instance tells the leader about them when it joins again.
	 */
	private final Map<TopicPartition, Need> needs = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Stations reserved for records of the current poll that have not reached
	 * {@link #take} yet. Only on the consumer's thread.
	 */
	private int reserved;

	/**
	 * The partitions whose records of the current poll went back to Kafka: nothing after
	 * them is taken in this poll. Only on the consumer's thread.
	 */
	private final Set<TopicPartition> handedBack = new HashSet<>();

	/**
	 * Offsets asked to be committed and not yet confirmed. Only on the consumer's thread.
	 */
	private final Map<TopicPartition, Long> committing = new HashMap<>();

	private final RetryTemplate untilItWorks = new RetryTemplate(RetryPolicy.builder()
		.predicate(TransientFailures::isTransient)
		.maxRetries(Long.MAX_VALUE)
		.delay(Duration.ofMillis(250))
		.multiplier(2)
		.maxDelay(Duration.ofSeconds(5))
		.build());

	/** How an order's time at a station passes. */
	private final StationTime time;

	/** The orders done here, and their time at a station: the department's meters. */
	private final Counter done;

	private final Timer timeAtStation;

	Workstations(StationWork<E> work, StationJobs jobs, Outbox outbox, TransactionTemplate transactions,
			BakerySettings settings, MeterRegistry meters, Traceparents traces) {
		this(work, jobs, outbox, transactions, settings, meters, traces, StationTime.SLEEP);
	}

	/**
	 * Stations whose time passes as {@code time} says, so that a test decides when an
	 * order is done.
	 */
	Workstations(StationWork<E> work, StationJobs jobs, Outbox outbox, TransactionTemplate transactions,
			BakerySettings settings, MeterRegistry meters, Traceparents traces, StationTime time) {
		this.work = work;
		this.done = Counter.builder(work.doneMeter())
			.description("Orders done at the department's " + work.stationName() + "s")
			.register(meters);
		this.timeAtStation = Timer.builder(work.timeMeter())
			.description("How long an order spends at a " + work.stationName() + ", from going in to coming out")
			.register(meters);
		this.time = time;
		this.jobs = jobs;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.traces = traces;
		this.stations = Executors.newFixedThreadPool(work.stations(), numbered(work.stationName()));
		this.waiting = Executors.newCachedThreadPool(numbered("waiting-for-" + work.stationName()));
		this.instant = settings.timeScale() == 0;
		this.free = new Semaphore(capacity());
	}

	/**
	 * How many orders the instance's stations hold at most, and so how many records a
	 * poll brings at most: one per station, or a tray per station when the work takes no
	 * time.
	 */
	int capacity() {
		return this.instant ? this.work.stations() * TRAY : this.work.stations();
	}

	/**
	 * Takes one record to a free station, on the consumer's thread. The department's
	 * listener calls it for each record it receives.
	 */
	public void take(ConsumerRecord<?, E> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		E event = record.value();
		// Before anything else: a record that breaks a rule is dead-lettered, and the
		// station reserved for it is free again after the poll.
		this.work.check(event);
		Optional<Duration> work = this.work.work(event);
		// The station reserved for it before the listener got it.
		if (this.reserved > 0) {
			this.reserved--;
		}
		else {
			this.free.acquireUninterruptibly();
		}
		if (work.isEmpty()) {
			this.free.release();
			this.pending.doneAtOnce(partition, record.offset());
			return;
		}
		this.pending.atWork(partition, record.offset());
		if (this.instant) {
			this.atStations.merge(partition, 1, Integer::sum);
			this.tray.add(new Taken<>(event, work.get(), partition, record.offset(), this.traces.current()));
			return;
		}
		Job job;
		try {
			job = this.transactions.execute((transaction) -> begin(event, work.get()));
		}
		catch (RuntimeException ex) {
			// The container's error handler retries the record, or dead-letters it.
			this.free.release();
			this.pending.forget(partition, record.offset());
			throw ex;
		}
		if (job == null) {
			this.free.release();
			this.pending.done(partition, record.offset());
			return;
		}
		if (job.atStation()) {
			this.atStations.merge(partition, 1, Integer::sum);
			this.stations.execute(() -> run(job, partition, record.offset()));
		}
		else {
			this.free.release();
			this.waiting.execute(() -> run(job, partition, record.offset()));
		}
	}

	/**
	 * What is to be done for a record: work at a station, or a wait for work at
	 * another's.
	 *
	 * @param steps the work, or the wait
	 * @param atStation whether it takes a station
	 * @param orderId the order
	 * @param traceparent the order's trace, where the record was received
	 */
	private record Job(Runnable steps, boolean atStation, UUID orderId, String traceparent) {
	}

	/** What is to be done with the event, or null if there is nothing left to do. */
	private Job begin(E event, Duration work) {
		UUID orderId = this.work.orderId(event);
		Instant now = now();
		String station = this.settings.instanceId();
		Duration scaled = this.settings.scaled(work);
		if (this.jobs.start(orderId, work.toMillis(), now, station)) {
			this.outbox.append(this.work.topic(), orderId, this.work.started(event, now, station));
			logStarted(orderId, scaled);
			if (scaled.isZero()) {
				// Nothing to wait for: done in the same transaction.
				finish(event);
				return null;
			}
			return new Job(() -> {
				atStation(orderId, scaled);
				finishUntilItWorks(event);
			}, true, orderId, this.traces.current());
		}
		return startedBefore(event, orderId, now, this.traces.current());
	}

	/**
	 * What is left to do for an order that had a job already: nothing if it is done, else
	 * a wait for the instance that has it at work.
	 */
	private Job startedBefore(E event, UUID orderId, Instant now, String traceparent) {
		StationJobs.Job job = this.jobs.find(orderId).orElseThrow();
		if (job.status() == StationJobs.Status.DONE) {
			log.info("Order {} was delivered again; it is done, nothing to do", orderId);
			return null;
		}
		Instant due = job.startedAt().plus(this.settings.scaled(Duration.ofMillis(job.workMillis())));
		log.info("Order {} is at work at {}; waiting for it to be done (due in {} s)", orderId, job.startedBy(),
				Math.max(0, Duration.between(now, due).toSeconds()));
		return new Job(() -> awaitOrTakeOver(event, due), false, orderId, traceparent);
	}

	/**
	 * A tray's orders, when the work takes no time: their jobs recorded as done and both
	 * events of each recorded, a statement each for the whole tray. An order that had a
	 * job already (delivered again, also within the tray) is left as {@link #begin}
	 * leaves it.
	 * @param atStation each order's time at the station, the trace its events continue
	 * @return for each order of the tray, what is left to do, or null
	 */
	private List<Job> beginAndFinish(List<Taken<E>> tray, List<Span> atStation) {
		Instant now = now();
		String station = this.settings.instanceId();
		Map<UUID, Long> work = new LinkedHashMap<>();
		tray.forEach((taken) -> work.putIfAbsent(this.work.orderId(taken.event()), taken.work().toMillis()));
		Set<UUID> started = new HashSet<>(this.jobs.doneAtOnce(work, now, station));
		List<Outbox.Message> events = new ArrayList<>(2 * started.size());
		List<Job> left = new ArrayList<>(tray.size());
		for (int i = 0; i < tray.size(); i++) {
			Taken<E> taken = tray.get(i);
			UUID orderId = this.work.orderId(taken.event());
			if (started.remove(orderId)) {
				String traceparent = this.traces.of(atStation.get(i));
				events.add(new Outbox.Message(orderId, this.work.started(taken.event(), now, station), traceparent));
				events.add(new Outbox.Message(orderId, this.work.finished(taken.event(), now, station), traceparent));
				this.traces.inScope(atStation.get(i), () -> {
					logStarted(orderId, Duration.ZERO);
					logFinished(orderId);
					return null;
				});
				counted(Duration.ZERO);
				left.add(null);
			}
			else {
				left.add(startedBefore(taken.event(), orderId, now, taken.traceparent()));
			}
		}
		this.outbox.appendAll(this.work.topic(), events);
		return left;
	}

	/**
	 * Waits for a job another instance (or this one, before a restart) has at work; if it
	 * is not done when it is overdue, that instance has died, and this one finishes it.
	 */
	private void awaitOrTakeOver(E event, Instant due) {
		UUID orderId = this.work.orderId(event);
		sleep(Duration.between(Instant.now(), due));
		Instant overdue = due.plus(OVERDUE);
		while (Instant.now().isBefore(overdue)) {
			if (this.untilItWorks.invoke(() -> this.jobs.find(orderId).orElseThrow())
				.status() == StationJobs.Status.DONE) {
				return;
			}
			sleep(Duration.ofMillis(250));
		}
		log.info("Order {} is overdue; taking it over", orderId);
		finishUntilItWorks(event);
	}

	/**
	 * An order taken from a record, for a tray, with its trace where the record was
	 * received.
	 */
	private record Taken<E>(E event, Duration work, TopicPartition partition, long offset, String traceparent) {
	}

	/**
	 * Shares out the orders this poll brought among the stations, a tray each, in order
	 * id order, so that two trays always lock their jobs in the same order.
	 */
	private void serveTrays() {
		if (this.tray.isEmpty()) {
			return;
		}
		List<Taken<E>> orders = new ArrayList<>(this.tray);
		this.tray.clear();
		orders.sort(Comparator.comparing((Taken<E> taken) -> this.work.orderId(taken.event())));
		int trays = Math.min(this.work.stations(), orders.size());
		int size = (orders.size() + trays - 1) / trays;
		// A station works for the consumer's group, as the listener would: what knows
		// listener work by its group (the fault point after-commit) knows a tray's too.
		String group = KafkaUtils.getConsumerGroupId();
		for (int from = 0; from < orders.size(); from += size) {
			List<Taken<E>> tray = orders.subList(from, Math.min(from + size, orders.size()));
			this.stations.execute(() -> {
				KafkaUtils.setConsumerGroupId(group);
				try {
					atOnce(tray);
				}
				finally {
					KafkaUtils.clearConsumerGroupId();
				}
			});
		}
	}

	/**
	 * Work that takes no time, at a station: a tray's jobs begun and finished in one
	 * transaction. The station is free again, for each of its orders, when the tray is
	 * done.
	 */
	private void atOnce(List<Taken<E>> tray) {
		try {
			serve(tray);
		}
		finally {
			for (Taken<E> taken : tray) {
				this.atStations.computeIfPresent(taken.partition(), (key, count) -> (count > 1) ? count - 1 : null);
			}
			this.free.release(tray.size());
		}
	}

	/**
	 * Begins and finishes a tray's jobs in one transaction, tried again like finishing
	 * while the database is away; if that fails otherwise, each order on its own. If
	 * another instance has an order at work, the wait for it goes to the waiting threads.
	 */
	private void serve(List<Taken<E>> tray) {
		List<Span> atStation = tray.stream()
			.map((taken) -> stationSpan(this.work.stationName(), this.work.orderId(taken.event()), taken.traceparent()))
			.toList();
		List<Job> elsewhere;
		try {
			elsewhere = this.untilItWorks
				.invoke(() -> this.transactions.execute((transaction) -> beginAndFinish(tray, atStation)));
		}
		catch (RuntimeException ex) {
			atStation.forEach((span) -> span.error(ex).end());
			if (tray.size() > 1) {
				tray.forEach((taken) -> serve(List.of(taken)));
				return;
			}
			Taken<E> taken = tray.get(0);
			log.error("A job from {}@{} could not be done; it is read again after a restart", taken.partition(),
					taken.offset(), ex);
			this.pending.abandoned(taken.partition(), taken.offset());
			return;
		}
		atStation.forEach(Span::end);
		for (int i = 0; i < tray.size(); i++) {
			Taken<E> taken = tray.get(i);
			Job job = elsewhere.get(i);
			if (job != null) {
				this.waiting.execute(() -> run(job, taken.partition(), taken.offset()));
			}
			else {
				this.pending.done(taken.partition(), taken.offset());
			}
		}
	}

	private void run(Job job, TopicPartition partition, long offset) {
		String name = job.atStation() ? this.work.stationName() : "waiting for " + this.work.stationName();
		try {
			this.traces.within(stationSpan(name, job.orderId(), job.traceparent()), job.steps());
			this.pending.done(partition, offset);
		}
		catch (Interrupted ex) {
			// Closing abruptly: the job stays unfinished, its offset uncommitted; whoever
			// reads the partition next finishes it.
			this.pending.abandoned(partition, offset);
		}
		catch (RuntimeException ex) {
			log.error("A job from {}@{} could not be finished; it is read again after a restart", partition, offset,
					ex);
			this.pending.abandoned(partition, offset);
		}
		finally {
			if (job.atStation()) {
				this.atStations.computeIfPresent(partition, (key, count) -> (count > 1) ? count - 1 : null);
				this.free.release();
			}
		}
	}

	/** An order's time at a station (or waiting for one), in its trace. */
	private Span stationSpan(String name, UUID orderId, String traceparent) {
		return this.traces.continuing(traceparent)
			.name(name)
			.tag("bakery.order.id", orderId.toString())
			.tag("bakery.instance", this.settings.instanceId())
			.start();
	}

	/**
	 * How many orders from each partition are at this instance's stations now: work that
	 * no other member needs to do, and that keeps these stations busy for a while. The
	 * {@link BacklogAssignor} takes it into account.
	 */
	Map<TopicPartition, Integer> atStations() {
		return Map.copyOf(this.atStations);
	}

	private void finishUntilItWorks(E event) {
		this.untilItWorks.invoke(() -> this.transactions.executeWithoutResult((transaction) -> finish(event)));
	}

	private void finish(E event) {
		UUID orderId = this.work.orderId(event);
		Instant now = now();
		String station = this.settings.instanceId();
		this.jobs.finish(orderId, now, station).ifPresent((startedAt) -> {
			this.outbox.append(this.work.topic(), orderId, this.work.finished(event, now, station));
			logFinished(orderId);
			counted(Duration.between(startedAt, now));
		});
	}

	/**
	 * Counts an order done and times its stay at the station, once its transaction has
	 * committed: a transaction rolled back and tried again counts once.
	 */
	private void counted(Duration atStation) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.done.increment();
			this.timeAtStation.record(atStation);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Workstations.this.done.increment();
				Workstations.this.timeAtStation.record(atStation);
			}

		});
	}

	private void logStarted(UUID orderId, Duration scaled) {
		log.info("Order {} goes to a free {} ({} s)", orderId, this.work.stationName(), scaled.toSeconds());
	}

	private void logFinished(UUID orderId) {
		log.info("Order {} is done at its {}", orderId, this.work.stationName());
	}

	private void atStation(UUID orderId, Duration duration) {
		try {
			this.time.pass(orderId, duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Interrupted();
		}
	}

	private static void sleep(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Interrupted();
		}
	}

	/**
	 * Before every poll, on the consumer's thread: commits what is done, and pauses the
	 * consumer while every station is busy so that the backlog stays in Kafka.
	 */
	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		returnReserved();
		this.handedBack.clear();
		commitAsync(consumer);
		if (!stationFreeSoon()) {
			Set<TopicPartition> assigned = consumer.assignment();
			consumer.pause(assigned);
			this.pausedHere.addAll(assigned);
		}
		else if (!this.pausedHere.isEmpty()) {
			this.pausedHere.retainAll(consumer.assignment());
			// A partition that waits for a member that can do its work stays paused.
			this.pausedHere.removeAll(this.needs.keySet());
			consumer.resume(this.pausedHere);
			this.pausedHere.clear();
		}
	}

	/**
	 * Before every record, on the consumer's thread: reserves a station for it, or, when
	 * every station is busy, hands it back to Kafka (with everything after it in this
	 * poll), to be read again when a station is free.
	 */
	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		if (this.handedBack.contains(partition)) {
			return null;
		}
		Set<String> lacks = lacks(record);
		if (!lacks.isEmpty()) {
			waitForAMemberThatCan(consumer, partition, record.offset(), lacks);
			return null;
		}
		if (!this.handedBack.isEmpty() || !freeStation()) {
			consumer.seek(partition, record.offset());
			this.handedBack.add(partition);
			return null;
		}
		this.reserved++;
		return record;
	}

	/**
	 * What the record's work needs that this instance lacks; nothing for a record it
	 * cannot read.
	 */
	@SuppressWarnings("unchecked")
	private Set<String> lacks(ConsumerRecord<Object, Object> record) {
		if (record.value() == null) {
			return Set.of();
		}
		try {
			return this.work.lacks((E) record.value());
		}
		catch (RuntimeException ex) {
			// The listener fails on it, and the error handler decides.
			return Set.of();
		}
	}

	/**
	 * Leaves a record whose work needs what this instance lacks in Kafka: its partition
	 * stops here (nothing behind the record is taken either, so that the partition's
	 * order holds), and the group rebalances, with this instance telling the leader what
	 * the partition needs (see {@link BacklogAssignor}); the leader gives the partition
	 * to a member that has it, or, if none has, back to this one, which waits.
	 */
	private void waitForAMemberThatCan(Consumer<Object, Object> consumer, TopicPartition partition, long offset,
			Set<String> lacks) {
		consumer.seek(partition, offset);
		this.handedBack.add(partition);
		consumer.pause(Set.of(partition));
		Need before = this.needs.put(partition, new Need(offset, Set.copyOf(lacks)));
		if (before == null || before.offset() != offset) {
			log.info("The record at {}@{} needs {}, which this instance cannot do; it waits in Kafka for a member"
					+ " that can", partition, offset, lacks);
			consumer.enforceRebalance("a record on " + partition + " needs " + lacks);
		}
	}

	/**
	 * What a partition's next record needs that this instance lacks.
	 *
	 * @param offset the record's offset
	 * @param skills what it needs
	 */
	record Need(long offset, Set<String> skills) {
	}

	/**
	 * The partitions whose next record needs what this instance lacks, for the leader.
	 */
	Map<TopicPartition, Set<String>> needs() {
		Map<TopicPartition, Set<String>> needs = new HashMap<>();
		this.needs.forEach((partition, need) -> needs.put(partition, need.skills()));
		return needs;
	}

	/** What this instance can do that not every member may, for the leader. */
	Set<String> skills() {
		return this.work.skills();
	}

	/**
	 * Waits for a free station as long as a poll would wait for records: at time scale 0
	 * a station is free again within a transaction's time, and handing the record back
	 * would pause the consumer for a whole poll.
	 */
	private boolean freeStation() {
		try {
			return this.free.tryAcquire(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Whether a station is free, or frees up within a poll's time. */
	private boolean stationFreeSoon() {
		if (!freeStation()) {
			return false;
		}
		this.free.release();
		return true;
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		// After the poll's records were all taken: to the stations with them.
		serveTrays();
		returnReserved();
	}

	/** Stations reserved for records that did not reach {@link #take} (they failed). */
	private void returnReserved() {
		if (this.reserved > 0) {
			this.free.release(this.reserved);
			this.reserved = 0;
		}
	}

	/**
	 * Partitions going to another member go at once, with what is done from them
	 * committed. What is still at a station here from them is finished here; the new
	 * owner waits for it (see the class description).
	 */
	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		commit(consumer, partitions);
		this.pending.release(partitions);
		this.committing.keySet().removeAll(partitions);
		this.pausedHere.removeAll(partitions);
		if (!partitions.isEmpty()) {
			log.info("Handed over {}", partitions);
		}
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		// Not ours any more, and too late to commit: the new owner finishes what is open.
		this.pending.release(partitions);
		this.committing.keySet().removeAll(partitions);
		this.pausedHere.removeAll(partitions);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		// What another member has now is its to do; a partition that came back is read
		// again, and waits again (without asking once more) if nobody could take it.
		this.needs.keySet().retainAll(partitions);
		this.pending.release(partitions);
		this.committing.keySet().removeAll(partitions);
		if (!partitions.isEmpty()) {
			log.info("Took over {}", partitions);
			startFromCommitted(consumer, partitions);
		}
		if (this.free.availablePermits() == 0) {
			consumer.pause(partitions);
			this.pausedHere.addAll(partitions);
		}
	}

	/**
	 * Learns where the group stands on newly assigned partitions, so that commits only
	 * ever move forward. A partition the group has never committed an offset for gets one
	 * at once, where reading starts: its backlog then shows as lag in every Kafka tool
	 * from the first record on, not only after the first one is done.
	 */
	private void startFromCommitted(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
			consumer.committed(Set.copyOf(partitions)).forEach((partition, offset) -> {
				if (offset != null) {
					committed.put(partition, offset);
				}
			});
			Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
			for (TopicPartition partition : partitions) {
				if (!committed.containsKey(partition)) {
					starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
				}
			}
			if (!starts.isEmpty()) {
				consumer.commitSync(starts);
			}
			committed.putAll(starts);
			this.pending.committed(committed);
		}
		catch (KafkaException ex) {
			log.warn("Could not learn where reading starts: {}", ex.getMessage());
		}
	}

	/**
	 * Commits what is done without waiting for the broker; an offset that did not go
	 * through is asked for again before the next poll.
	 */
	private void commitAsync(Consumer<?, ?> consumer) {
		Map<TopicPartition, OffsetAndMetadata> commits = this.pending.committable(consumer.assignment());
		this.pending.pastMarkers(consumer.assignment(), consumer::position).forEach(commits::putIfAbsent);
		commits.entrySet()
			.removeIf((commit) -> commit.getValue().offset() <= this.committing.getOrDefault(commit.getKey(), -1L));
		if (commits.isEmpty()) {
			return;
		}
		commits.forEach((partition, offset) -> this.committing.put(partition, offset.offset()));
		consumer.commitAsync(commits, (committed, ex) -> {
			if (ex == null) {
				this.pending.committed(committed);
				log.debug("Committed {}", committed);
			}
			else {
				log.warn("Could not commit {}: {}", committed, ex.getMessage());
				committed.forEach((partition, offset) -> this.committing.remove(partition, offset.offset()));
			}
		});
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
		this.pending.doneAtOnce(new TopicPartition(record.topic(), record.partition()), record.offset());
	}

	/**
	 * Closes the stations once the consumer has stopped and left the group: what is at
	 * them now is finished first (the partitions' new owners wait for it), within the
	 * longest work an order may take; anything still there after that is abandoned and
	 * taken over by another member once it is overdue.
	 */
	void close() throws InterruptedException {
		// Nobody waits for a partition that is no longer this instance's.
		this.waiting.shutdownNow();
		this.stations.shutdown();
		if (!this.stations.awaitTermination(this.settings.longestWork().toSeconds() + 10, TimeUnit.SECONDS)) {
			this.stations.shutdownNow();
			this.stations.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * How an order's time at a station passes: the station's thread sleeps through it. A
	 * test holds the order at the station instead, until it lets it go.
	 */
	@FunctionalInterface
	interface StationTime {

		StationTime SLEEP = (orderId, duration) -> Thread.sleep(duration.toMillis());

		/** Returns when the order's work is done. */
		void pass(UUID orderId, Duration duration) throws InterruptedException;

	}

	/** A station's wait was interrupted: the instance is closing abruptly. */
	private static final class Interrupted extends RuntimeException {

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
