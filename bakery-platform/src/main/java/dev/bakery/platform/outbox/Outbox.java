package dev.bakery.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.bakery.platform.tracing.Traceparents;

/**
 * The transactional outbox. A department never writes to its database and to Kafka as two
 * separate steps (if the second failed, the two would disagree for good). It writes the
 * event into the {@code outbox} table in the same transaction as its own change; the
 * {@link OutboxRelay} then publishes it, woken as soon as the transaction has committed.
 * Either both the change and the event are stored, or neither is.
 * <p>
 * Each event keeps the trace of the work that recorded it (its {@code traceparent}
 * column), so that the relay's send continues the order's trace.
 * <p>
 * While Kafka does not take the events, they wait in the table; the gauge
 * {@value #WAITING_METRIC} counts them, and {@value #OLDEST_WAITING_METRIC} says how long
 * the oldest has waited.
 */
public class Outbox {

	/**
	 * The gauge of the events that wait: recorded, not yet acknowledged by Kafka.
	 */
	public static final String WAITING_METRIC = "bakery.outbox.waiting";

	/**
	 * The gauge of how long the oldest event that waits has waited: zero while none does;
	 * it grows while Kafka does not take the events.
	 */
	public static final String OLDEST_WAITING_METRIC = "bakery.outbox.oldest.waiting";

	private final JdbcClient jdbc;

	private final Serializer<Object> serializer;

	private final Traceparents traces;

	/**
	 * Wakes the relay once the transaction has committed (registered once per
	 * transaction, however many events it records).
	 */
	private final TransactionSynchronization wakeTheRelay;

	Outbox(JdbcClient jdbc, Serializer<Object> serializer, OutboxRelay relay, Traceparents traces) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.traces = traces;
		this.wakeTheRelay = new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				relay.wake();
			}

		};
	}

	/**
	 * Records an event for publication, inside the caller's transaction, in the current
	 * span's trace.
	 * @param topic where it goes
	 * @param key the record key: the order id, so one order's events stay on one
	 * partition, in order
	 * @param event a contract record
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, Object key, Object event) {
		appendAll(topic, List.of(new Message(key, event)));
	}

	/**
	 * Records events for publication, in this order, inside the caller's transaction,
	 * with one statement however many there are; each in its message's trace, or else in
	 * the current span's.
	 * @param topic where they go
	 * @param messages each event with its record key (the order id)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(String topic, List<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		String[] keys = new String[messages.size()];
		String[] types = new String[messages.size()];
		String[] payloads = new String[messages.size()];
		String[] traceparents = new String[messages.size()];
		String current = this.traces.current();
		for (int i = 0; i < messages.size(); i++) {
			RecordHeaders headers = new RecordHeaders();
			byte[] json = this.serializer.serialize(topic, headers, messages.get(i).event());
			Header type = headers.lastHeader(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME);
			keys[i] = messages.get(i).key().toString();
			types[i] = new String(type.value(), StandardCharsets.UTF_8);
			payloads[i] = new String(json, StandardCharsets.UTF_8);
			traceparents[i] = (messages.get(i).traceparent() != null) ? messages.get(i).traceparent() : current;
		}
		// The ids (the relay's order) follow the messages' order.
		this.jdbc.sql("INSERT INTO outbox (topic, message_key, type, payload, traceparent) SELECT :topic, message.key,"
				+ " message.type, message.payload, message.traceparent FROM unnest(:keys::text[], :types::text[],"
				+ " :payloads::text[], :traceparents::text[])"
				+ " WITH ORDINALITY AS message(key, type, payload, traceparent, position) ORDER BY message.position")
			.param("topic", topic)
			.param("keys", keys)
			.param("types", types)
			.param("payloads", payloads)
			.param("traceparents", traceparents)
			.update();
		TransactionSynchronizationManager.registerSynchronization(this.wakeTheRelay);
	}

	/**
	 * An event to record, its record key, and the trace it belongs to.
	 *
	 * @param key the order id
	 * @param event a contract record
	 * @param traceparent its order's trace, where that is not the current span's (a
	 * station's tray holds many orders); null for the current span's
	 */
	public record Message(Object key, Object event, String traceparent) {

		/** An event in the current span's trace. */
		public Message(Object key, Object event) {
			this(key, event, null);
		}

	}

	/**
	 * How many recorded events Kafka has not acknowledged yet. Cheap: the relay's own
	 * partial index holds exactly these rows.
	 */
	public long waiting() {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
	}

	/**
	 * How long the oldest event that Kafka has not acknowledged yet has waited; zero when
	 * none waits. Cheap as {@link #waiting()}: the first row of the relay's partial
	 * index.
	 */
	public Duration oldestWaiting() {
		return this.jdbc
			.sql("SELECT (extract(epoch FROM now() - created_at) * 1000)::bigint FROM outbox"
					+ " WHERE published_at IS NULL ORDER BY id LIMIT 1")
			.query(Long.class)
			.optional()
			.map((millis) -> Duration.ofMillis(Math.max(0, millis)))
			.orElse(Duration.ZERO);
	}

}
