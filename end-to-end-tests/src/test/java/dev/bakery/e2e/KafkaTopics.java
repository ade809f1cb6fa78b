package dev.bakery.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.infrastructure.TopicReader;

/**
 * Reads and writes raw records, as a tool outside the bakery would: to plant poison and
 * to look into topics.
 */
final class KafkaTopics {

	private KafkaTopics() {
	}

	/**
	 * Writes a record as raw bytes, with an optional {@code __TypeId__} header, and waits
	 * for the broker's ack.
	 */
	static void sendRaw(String topic, String key, String value, String typeId) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
					value.getBytes(StandardCharsets.UTF_8));
			if (typeId != null) {
				record.headers().add("__TypeId__", typeId.getBytes(StandardCharsets.UTF_8));
			}
			producer.send(record).get();
		}
	}

	/** Every record now in the topic, from the beginning of each partition to its end. */
	static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		return readAll(topic, Infrastructure.get().kafkaBootstrapServers());
	}

	/** Every record now in a topic of another Kafka cluster than this JVM's broker. */
	static List<ConsumerRecord<String, byte[]>> readAll(String topic, String bootstrapServers) {
		try (TopicReader reader = new TopicReader(topic, bootstrapServers)) {
			return reader.all();
		}
	}

}
