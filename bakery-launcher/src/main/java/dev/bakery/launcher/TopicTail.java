package dev.bakery.launcher;

import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic followed from its end by a consumer without a group, as the labs and the
 * benchmark watch what reaches Kafka: it commits nothing and disturbs no department.
 */
final class TopicTail {

	private TopicTail() {
	}

	/**
	 * A consumer of every partition of {@code topic}, positioned at its end now, that
	 * reads committed records only.
	 */
	static KafkaConsumer<String, byte[]> fromTheEnd(String bootstrapServers, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return consumer;
	}

}
