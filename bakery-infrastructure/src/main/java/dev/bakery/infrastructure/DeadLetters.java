package dev.bakery.infrastructure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test expects of a record that spring-kafka's dead-letter recoverer wrote. */
public final class DeadLetters {

	private static final JsonMapper json = JsonMapper.builder().build();

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

	/**
	 * Asserts that a dead letter is a record that breaks one of the bakery's rules (the
	 * contract's {@code OrderRules}), sent on to the same partition as it was read, with
	 * the rule named in the header {@code bakery-dlt-rule} and the reason, naming the
	 * field, in {@code bakery-dlt-reason}.
	 * @param deadLetter the record read from {@code <topic>.DLT}
	 * @param sent where the record was written
	 * @param payload the record's bytes
	 * @param group the consumer group that refused it
	 * @param rule the rule's name, e.g. {@code fits-a-station}
	 * @param reason the start of the reason, e.g. {@code items would bake for}
	 */
	public static void assertRuleBroken(ConsumerRecord<String, byte[]> deadLetter, RecordMetadata sent, byte[] payload,
			String group, String rule, String reason) {
		// A record the consumer could read is passed on as it read it: the same JSON.
		assertThat(json.readTree(deadLetter.value())).as("the record as it was sent").isEqualTo(json.readTree(payload));
		assertThat(deadLetter.partition()).as("the partition it came from").isEqualTo(sent.partition());
		assertThat(text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(sent.topic());
		assertThat(ByteBuffer.wrap(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong())
			.isEqualTo(sent.offset());
		assertThat(text(deadLetter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(group);
		assertThat(text(deadLetter, "bakery-dlt-rule")).isEqualTo(rule);
		assertThat(text(deadLetter, "bakery-dlt-reason")).startsWith(reason).endsWith("(rule " + rule + ")");
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
