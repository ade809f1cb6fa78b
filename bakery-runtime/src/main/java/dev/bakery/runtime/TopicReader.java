package dev.bakery.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Kafka consumer on every partition of one topic, in no consumer group: it commits
 * nothing and takes no partition from anybody, so the labs, the benchmark and the tests
 * watch a topic without disturbing a department. It reads from the beginning or from the
 * end as it is now, as raw bytes.
 */
public final class TopicReader implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

	/**
	 * From the beginning, every record (an aborted transaction's too, as a plain consumer
	 * reads them).
	 */
	public TopicReader(String topic, String bootstrapServers) {
		this(topic, bootstrapServers, IsolationLevel.READ_UNCOMMITTED, false);
	}

	/**
	 * From the beginning, at a chosen isolation level: {@code READ_COMMITTED} sees only
	 * committed transactions' records, {@code READ_UNCOMMITTED} (a consumer's default)
	 * open and aborted ones too.
	 */
	public TopicReader(String topic, String bootstrapServers, IsolationLevel isolation) {
		this(topic, bootstrapServers, isolation, false);
	}

	private TopicReader(String topic, String bootstrapServers, IsolationLevel isolation, boolean fromTheEnd) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						isolation.name().toLowerCase(Locale.ROOT)),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((partition) -> new TopicPartition(topic, partition.partition()))
			.toList();
		this.consumer.assign(partitions);
		if (fromTheEnd) {
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
		}
		else {
			this.consumer.seekToBeginning(partitions);
		}
	}

	/** From the end as it is now: only what is written from here on. */
	public static TopicReader fromTheEnd(String topic, String bootstrapServers) {
		return fromTheEnd(topic, bootstrapServers, IsolationLevel.READ_COMMITTED);
	}

	public static TopicReader fromTheEnd(String topic, String bootstrapServers, IsolationLevel isolation) {
		return new TopicReader(topic, bootstrapServers, isolation, true);
	}

	/**
	 * Every record read so far and up to the topic's end now, in the order written per
	 * partition.
	 */
	public List<ConsumerRecord<String, byte[]>> all() {
		readToTheEnd();
		return List.copyOf(this.read);
	}

	/** Those of {@link #all()} with this key. */
	public List<ConsumerRecord<String, byte[]>> records(UUID key) {
		return all().stream().filter((record) -> key.toString().equals(record.key())).toList();
	}

	/** The values of {@link #records(UUID)}, read as a contract type. */
	public <T> List<T> values(UUID key, Class<T> type) {
		return records(key).stream().map((record) -> value(record, type)).toList();
	}

	/**
	 * The records that come within this time, for a reader that follows the topic (kept
	 * by nobody).
	 */
	public Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
		return this.consumer.poll(timeout);
	}

	public static <T> T value(ConsumerRecord<String, byte[]> record, Class<T> type) {
		return JSON.readValue(record.value(), type);
	}

	/**
	 * Reads up to the end of every partition as it is now, so that "nothing more" means
	 * nothing more.
	 */
	private void readToTheEnd() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.consumer.assignment());
		Instant deadline = Instant.now().plus(PATIENCE);
		while (ends.entrySet().stream().anyMatch((end) -> this.consumer.position(end.getKey()) < end.getValue())) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("could not read to the end of " + ends.keySet());
			}
			this.consumer.poll(Duration.ofMillis(100)).forEach(this.read::add);
		}
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
