package dev.bakery.packaging.packing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Product;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.DeadLetters;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.packaging.PackagingApplication;

import static dev.bakery.events.PackagingStatusChanged.Status.PACKED;
import static dev.bakery.events.PackagingStatusChanged.Status.PACKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record on {@code bakery.baking-status} that packaging cannot read goes to
 * {@code bakery.baking-status.DLT} with spring-kafka's exception headers, and the order
 * behind it on the same partition is packed as usual.
 */
@SpringBootTest(properties = { PackagingApplication.CONFIG_NAME, "bakery.time-scale=0.001",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class PoisonRecordTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	/** Each with {@code %s} where the order id goes. */
	static Stream<Named<String>> poison() {
		return Stream.of(Named.of("JSON cut off", "{\"orderId\": \"%s\", \"status\": \"BAKED\", \"items\": ["),
				Named.of("a status the bake house does not have", """
						{"orderId": "%s", "status": "BURNT", "items": [{"product": "BREZEL", "quantity": 1}],
						 "at": "2026-01-01T08:00:00Z", "station": "oven-test"}"""), Named.of("no items", """
						{"orderId": "%s", "status": "BAKED", "at": "2026-01-01T08:00:00Z", "station": "oven-test"}"""),
				Named.of("an order id that is no UUID", """
						{"orderId": "%s-and-more", "status": "BAKED", "items": [{"product": "BREZEL", "quantity": 1}],
						 "at": "2026-01-01T08:00:00Z", "station": "oven-test"}"""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("poison")
	void deadLettersARecordThatBreaksTheContractAndPacksTheOrderBehindIt(String poison) throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = poison.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.BAKING_STATUS, orderId.toString(), payload);
		record.headers()
			.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
					"BakingStatusChanged".getBytes(StandardCharsets.UTF_8));
		RecordMetadata sent = this.kafka.send(record).get().getRecordMetadata();
		BakingStatusChanged next = new BakingStatusChanged(orderId, BakingStatusChanged.Status.BAKED,
				List.of(new OrderLine(Product.BREZEL, 1)), Instant.now(), "oven-test");
		RecordMetadata sentNext = this.kafka.send(Topics.BAKING_STATUS, orderId.toString(), next)
			.get()
			.getRecordMetadata();
		assertThat(sentNext.partition()).as("same key, same partition").isEqualTo(sent.partition());

		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.BAKING_STATUS));
				TopicReader packagingStatus = Infrastructure.get().reader(Topics.PACKAGING_STATUS)) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.records(orderId).get(0);
			DeadLetters.assertDeadLetterOf(deadLetter, sent, payload, "packaging");

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(packagingStatus.values(orderId, PackagingStatusChanged.class))
					.extracting(PackagingStatusChanged::status)
					.containsExactly(PACKING, PACKED));
		}
	}

}
