package dev.bakery.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.Faults;
import dev.bakery.platform.tracing.Traceparents;

/**
 * Publishes what the {@link Outbox} recorded, oldest first. While Kafka is away the
 * events wait in the table and go out when it is back. An event is marked published only
 * after the broker acknowledged it; if the relay dies in between, the event is sent again
 * (at least once), which the consumers tolerate because they are idempotent.
 * <p>
 * Only one instance of a department relays at a time (a PostgreSQL advisory lock), so
 * that scaled instances sharing one database cannot overtake each other and reorder an
 * order's events.
 * <p>
 * It relays as soon as an event was committed in this instance ({@link Outbox} wakes it
 * after the commit), and otherwise looks every {@code bakery.outbox.poll-interval}: for
 * what another instance recorded, and to try again after a failure. While a look finds a
 * full batch it looks again at once, and when another instance held the relay, soon.
 * <p>
 * Each event's time in the outbox is a span of its order's trace, {@code outbox <topic>}:
 * from when it was recorded until Kafka acknowledged it; the send is its child, and the
 * record carries the send's {@code traceparent} header, so that its consumers continue
 * the trace.
 */
public class OutboxRelay implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** The advisory lock the relaying instance holds while it publishes a batch. */
	static final long RELAY_LOCK = 0x0B4C_E5L;

	/** How soon an instance looks again when another one held the relay. */
	static final Duration BUSY_PAUSE = Duration.ofMillis(100);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaOperations<String, byte[]> kafka;

	private final BakerySettings.Outbox settings;

	private final Faults faults;

	private final Traceparents traces;

	/** A permit when an event was committed since the last look. */
	private final Semaphore committed = new Semaphore(0);

	private final Thread thread = new Thread(this::run, "outbox-relay");

	private volatile boolean running = true;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
			BakerySettings.Outbox settings, Faults faults, Traceparents traces) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.settings = settings;
		this.faults = faults;
		this.traces = traces;
	}

	/** An event was committed: relay it now rather than at the next look. */
	void wake() {
		if (this.committed.availablePermits() == 0) {
			this.committed.release();
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.settings.relay() != BakerySettings.Relay.OWN) {
			log.info("Outbox relay off: Kafka Connect (Debezium) relays this outbox (bakery.outbox.relay={})",
					this.settings.relay());
			this.running = false;
			return;
		}
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Stops relaying once everything that records events has closed (the stations finish
	 * their orders first), after a last look.
	 */
	@Override
	public void destroy() throws InterruptedException {
		if (!this.thread.isAlive()) {
			return;
		}
		this.running = false;
		wake();
		this.thread.join(Duration.ofSeconds(40).toMillis());
	}

	private void run() {
		while (this.running) {
			Batch batch = relay();
			try {
				if (batch == Batch.FAILED) {
					// Not at once again: Kafka or the database is away.
					Thread.sleep(this.settings.pollInterval().toMillis());
				}
				else if (batch == Batch.BUSY) {
					// The other instance may have read its batch before this one's
					// commit,
					// and then waits for its own next commit or look.
					Thread.sleep(BUSY_PAUSE.toMillis());
				}
				else if (batch != Batch.FULL) {
					this.committed.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.committed.drainPermits();
		}
		relay();
	}

	/** How one look at the outbox went. */
	enum Batch {

		/** Nothing to send. */
		DONE,

		/** Another instance relays now. */
		BUSY,

		/** A full batch went out: there may be more. */
		FULL,

		/** Kafka or the database did not take it; it is tried again. */
		FAILED

	}

	Batch relay() {
		try {
			return this.transactions.execute((transaction) -> publishPending());
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay could not run, will try again: {}", ex.getMessage());
			return Batch.FAILED;
		}
	}

	/**
	 * Sends the pending events of one batch and marks those the broker acknowledged,
	 * stopping at the first failure.
	 */
	private Batch publishPending() {
		boolean relayIsMine = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
			.param("lock", RELAY_LOCK)
			.query(Boolean.class)
			.single();
		if (!relayIsMine) {
			return Batch.BUSY;
		}
		List<Pending> pending = this.jdbc
			.sql("SELECT id, topic, message_key, type, payload, traceparent, created_at FROM outbox"
					+ " WHERE published_at IS NULL ORDER BY id LIMIT :limit")
			.param("limit", this.settings.batchSize())
			.query(Pending.class)
			.list();
		if (pending.isEmpty()) {
			return Batch.DONE;
		}
		this.faults.beforeSend();
		List<Span> waits = new ArrayList<>();
		List<CompletableFuture<?>> sends = new ArrayList<>();
		try {
			for (Pending event : pending) {
				Span wait = waited(event);
				waits.add(wait);
				sends.add(this.traces.inScope(wait, () -> this.kafka.send(event.toRecord())));
			}
		}
		catch (RuntimeException ex) {
			waits.forEach((wait) -> wait.error(ex).end());
			throw ex;
		}
		// Nothing more is coming for this batch: out now, not after linger.ms (5 ms).
		this.kafka.flush();
		List<Long> published = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			try {
				sends.get(i).get(30, TimeUnit.SECONDS);
				published.add(pending.get(i).id());
			}
			catch (Exception ex) {
				// Later events may belong to the same order: keep them back, so that
				// nothing overtakes.
				log.warn("Kafka did not take outbox event {} ({}), will retry: {}", pending.get(i).id(),
						pending.get(i).topic(), ex.getMessage());
				waits.get(i).error(ex);
				break;
			}
		}
		waits.forEach(Span::end);
		if (!published.isEmpty()) {
			this.jdbc.sql("UPDATE outbox SET published_at = now() WHERE id IN (:ids)").param("ids", published).update();
		}
		if (published.size() < pending.size()) {
			return Batch.FAILED;
		}
		return (pending.size() == this.settings.batchSize()) ? Batch.FULL : Batch.DONE;
	}

	/**
	 * The event's time in the outbox, in its order's trace: since it was recorded (the
	 * recording transaction's start, PostgreSQL's {@code now()}).
	 */
	private Span waited(Pending event) {
		Instant recorded = event.createdAt().toInstant();
		return this.traces.continuing(event.traceparent())
			.name("outbox " + event.topic())
			.tag("bakery.order.id", event.messageKey())
			.tag("bakery.outbox.id", event.id())
			.startTimestamp(recorded.getEpochSecond() * 1_000_000 + recorded.getNano() / 1_000, TimeUnit.MICROSECONDS)
			.start();
	}

	record Pending(long id, String topic, String messageKey, String type, String payload, String traceparent,
			OffsetDateTime createdAt) {

		/**
		 * With the event's own trace as its {@code traceparent} header; spring-kafka's
		 * observation of the send puts the send's there instead.
		 */
		ProducerRecord<String, byte[]> toRecord() {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, this.messageKey,
					this.payload.getBytes(StandardCharsets.UTF_8));
			record.headers()
				.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
						this.type.getBytes(StandardCharsets.UTF_8));
			if (this.traceparent != null) {
				record.headers().add(Traceparents.HEADER, this.traceparent.getBytes(StandardCharsets.UTF_8));
			}
			return record;
		}

	}

}
