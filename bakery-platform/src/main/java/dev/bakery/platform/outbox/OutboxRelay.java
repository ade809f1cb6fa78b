package dev.bakery.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.Faults;

/**
 * Publishes what the {@link Outbox} recorded, oldest first. While Kafka is away the
 * events wait in the table and go out when it is back. An event is marked published only
 * after the broker acknowledged it; if the relay dies in between, the event is sent again
 * (at least once), which the consumers tolerate because they are idempotent.
 * <p>
 * Only one instance of a department relays at a time (a PostgreSQL advisory lock), so
 * that scaled instances sharing one database cannot overtake each other and reorder an
 * order's events.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** The advisory lock the relaying instance holds while it publishes a batch. */
	static final long RELAY_LOCK = 0x0B4C_E5L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaOperations<String, byte[]> kafka;

	private final BakerySettings.Outbox settings;

	private final Faults faults;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
			BakerySettings.Outbox settings, Faults faults) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.settings = settings;
		this.faults = faults;
	}

	@Scheduled(fixedDelayString = "${bakery.outbox.poll-interval:100ms}")
	void relay() {
		try {
			this.transactions.executeWithoutResult((transaction) -> publishPending());
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay could not run, will try again: {}", ex.getMessage());
		}
	}

	/**
	 * Sends the pending events of one batch and marks those the broker acknowledged,
	 * stopping at the first failure.
	 */
	private void publishPending() {
		boolean relayIsMine = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
			.param("lock", RELAY_LOCK)
			.query(Boolean.class)
			.single();
		if (!relayIsMine) {
			return;
		}
		List<Pending> pending = this.jdbc
			.sql("SELECT id, topic, message_key, type, payload FROM outbox"
					+ " WHERE published_at IS NULL ORDER BY id LIMIT :limit")
			.param("limit", this.settings.batchSize())
			.query(Pending.class)
			.list();
		if (pending.isEmpty()) {
			return;
		}
		this.faults.beforeSend();
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (Pending event : pending) {
			sends.add(this.kafka.send(event.toRecord()));
		}
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
				break;
			}
		}
		if (!published.isEmpty()) {
			this.jdbc.sql("UPDATE outbox SET published_at = now() WHERE id IN (:ids)").param("ids", published).update();
		}
	}

	record Pending(long id, String topic, String messageKey, String type, String payload) {

		ProducerRecord<String, byte[]> toRecord() {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, this.messageKey,
					this.payload.getBytes(StandardCharsets.UTF_8));
			record.headers()
				.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
						this.type.getBytes(StandardCharsets.UTF_8));
			return record;
		}

	}

}
