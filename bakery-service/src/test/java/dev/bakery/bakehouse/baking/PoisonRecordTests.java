package dev.bakery.bakehouse.baking;

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

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Product;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.DeadLetters;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record on {@code bakery.orders} that the bake house cannot read goes to
 * {@code bakery.orders.DLT} with spring-kafka's exception headers, and the order behind
 * it on the same partition is baked as usual.
 */
@SpringBootTest(properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0.001",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class PoisonRecordTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	/** Each with {@code %s} where the order id goes. */
	static Stream<Named<String>> poison() {
		return Stream.of(Named.of("JSON cut off", "{\"orderId\": \"%s\", \"customer\": \"Anna\", \"items\": ["),
				Named.of("no items", """
						{"orderId": "%s", "customer": "Anna", "items": [], "placedAt": "2026-01-01T08:00:00Z"}"""),
				Named.of("a product not on the menu", """
						{"orderId": "%s", "customer": "Anna", "items": [{"product": "DONUT", "quantity": 1}],
						 "placedAt": "2026-01-01T08:00:00Z"}"""), Named.of("quantity 0", """
						{"orderId": "%s", "customer": "Anna", "items": [{"product": "BREZEL", "quantity": 0}],
						 "placedAt": "2026-01-01T08:00:00Z"}"""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("poison")
	void deadLettersARecordThatBreaksTheContractAndBakesTheOrderBehindIt(String poison) throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = poison.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.ORDERS, orderId.toString(), payload);
		record.headers()
			.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
					"OrderPlaced".getBytes(StandardCharsets.UTF_8));
		RecordMetadata sent = this.kafka.send(record).get().getRecordMetadata();
		OrderPlaced next = new OrderPlaced(orderId, "Anna", List.of(new OrderLine(Product.BREZEL, 1)), Instant.now());
		RecordMetadata sentNext = this.kafka.send(Topics.ORDERS, orderId.toString(), next).get().getRecordMetadata();
		assertThat(sentNext.partition()).as("same key, same partition").isEqualTo(sent.partition());

		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.ORDERS));
				TopicReader bakingStatus = Infrastructure.get().reader(Topics.BAKING_STATUS)) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.records(orderId).get(0);
			DeadLetters.assertDeadLetterOf(deadLetter, sent, payload, "bakery");

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(bakingStatus.values(orderId, BakingStatusChanged.class))
					.extracting(BakingStatusChanged::status)
					.containsExactly(IN_OVEN, BAKED));
		}
	}

}
