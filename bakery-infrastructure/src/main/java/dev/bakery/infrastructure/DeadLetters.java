package dev.bakery.infrastructure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test expects of a record that spring-kafka's dead-letter recoverer wrote. */
public final class DeadLetters {

	private DeadLetters() {
	}

	/**
	 * Asserts that a dead letter is the unreadable record that was sent, unchanged, on
	 * the same partition, with spring-kafka's headers saying where it came from, which
	 * consumer group gave up on it and why.
	 * @param deadLetter the record read from {@code <topic>.DLT}
	 * @param sent where the poison record was written
	 * @param payload the poison record's bytes
	 * @param group the consumer group that could not read it
	 */
	public static void assertDeadLetterOf(ConsumerRecord<String, byte[]> deadLetter, RecordMetadata sent,
			byte[] payload, String group) {
		assertThat(deadLetter.value()).as("the record as it was sent").isEqualTo(payload);
		assertThat(deadLetter.partition()).as("the partition it came from").isEqualTo(sent.partition());
		assertThat(text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(sent.topic());
		assertThat(ByteBuffer.wrap(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong())
			.isEqualTo(sent.offset());
		assertThat(text(deadLetter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(group);
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(DeserializationException.class.getName());
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
	}

	private static byte[] header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return header.value();
	}

	private static String text(ConsumerRecord<?, ?> record, String name) {
		return new String(header(record, name), StandardCharsets.UTF_8);
	}

}
