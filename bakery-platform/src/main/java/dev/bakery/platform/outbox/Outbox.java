package dev.bakery.platform.outbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox. A department never writes to its database and to Kafka as two
 * separate steps (if the second failed, the two would disagree for good). It writes the
 * event into the {@code outbox} table in the same transaction as its own change; the
 * {@link OutboxRelay} then publishes it, woken as soon as the transaction has committed.
 * Either both the change and the event are stored, or neither is.
 * <p>
 * While Kafka does not take the events, they wait in the table; the gauge
 * {@value #WAITING_METRIC} counts them.
 */
public class Outbox {

	/**
	 * The gauge of the events that wait: recorded, not yet acknowledged by Kafka.
	 */
	public static final String WAITING_METRIC = "bakery.outbox.waiting";

	private final JdbcClient jdbc;

	private final Serializer<Object> serializer;

	/**
	 * Wakes the relay once the transaction has committed (registered once per
	 * transaction, however many events it records).
	 */
	private final TransactionSynchronization wakeTheRelay;

	Outbox(JdbcClient jdbc, Serializer<Object> serializer, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.wakeTheRelay = new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				relay.wake();
			}

		};
	}

	/**
	 * Records an event for publication, inside the caller's transaction.
	 * @param topic where it goes
	 * @param key the record key: the order id, so one order's events stay on one
	 * partition, in order
	 * @param event a contract record
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, Object key, Object event) {
		RecordHeaders headers = new RecordHeaders();
		byte[] json = this.serializer.serialize(topic, headers, event);
		Header type = headers.lastHeader(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME);
		this.jdbc.sql("INSERT INTO outbox (topic, message_key, type, payload) VALUES (:topic, :key, :type, :payload)")
			.param("topic", topic)
			.param("key", key.toString())
			.param("type", new String(type.value(), StandardCharsets.UTF_8))
			.param("payload", new String(json, StandardCharsets.UTF_8))
			.update();
		TransactionSynchronizationManager.registerSynchronization(this.wakeTheRelay);
	}

	/**
	 * How many recorded events Kafka has not acknowledged yet. Cheap: the relay's own
	 * partial index holds exactly these rows.
	 */
	public long waiting() {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
	}

}
