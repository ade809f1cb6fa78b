package dev.bakery.infrastructure;

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
 * A real Kafka consumer on one topic, the test's window on what a service published. It
 * reads every partition from the beginning, as raw bytes, and belongs to no consumer
 * group: it commits nothing and takes no partition away from the service's own consumers.
 */
public final class TopicReader implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

	public TopicReader(String topic) {
		this(topic, Infrastructure.get().kafkaBootstrapServers());
	}

	/**
	 * A reader on a topic of another Kafka cluster than this JVM's broker.
	 * @param topic the topic to read
	 * @param bootstrapServers where the cluster listens, as {@code host:port,host:port}
	 */
	public TopicReader(String topic, String bootstrapServers) {
		this(topic, bootstrapServers, IsolationLevel.READ_UNCOMMITTED);
	}

	/**
	 * A reader at a chosen isolation level: {@code READ_COMMITTED} sees only the records
	 * of committed transactions, as a transactional application's downstream consumers
	 * should; {@code READ_UNCOMMITTED} (the consumer's default) sees those of open and
	 * aborted ones too.
	 * @param topic the topic to read
	 * @param bootstrapServers where the cluster listens, as {@code host:port,host:port}
	 * @param isolation which records of transactions it sees
	 */
	public TopicReader(String topic, String bootstrapServers, IsolationLevel isolation) {
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
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Every record with this key that is on the topic now, in the order they were
	 * written.
	 */
	public List<ConsumerRecord<String, byte[]>> records(UUID key) {
		readToTheEnd();
		return this.read.stream().filter((record) -> key.toString().equals(record.key())).toList();
	}

	/** Every record on the topic now, in the order they were written per partition. */
	public List<ConsumerRecord<String, byte[]>> all() {
		readToTheEnd();
		return List.copyOf(this.read);
	}

	/** The values of {@link #records(UUID)}, read as the contract type. */
	public <T> List<T> values(UUID key, Class<T> type) {
		return records(key).stream().map((record) -> value(record, type)).toList();
	}

	/** A record's value, read as a contract type. */
	public static <T> T value(ConsumerRecord<String, byte[]> record, Class<T> type) {
		return json.readValue(record.value(), type);
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
				throw new IllegalStateException("Could not read to the end of " + ends.keySet());
			}
			this.consumer.poll(Duration.ofMillis(100)).forEach(this.read::add);
		}
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
