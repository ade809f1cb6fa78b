package dev.bakery.sales.counter;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.test.annotation.DirtiesContext;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.DeadLetters;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.sales.MenuOffered;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record on any of the counter's four topics that it cannot read, or an order that
 * breaks a rule, goes to that topic's {@code .DLT} with spring-kafka's exception headers,
 * and the event behind it on the same partition is recorded as usual.
 */
@SpringBootTest(properties = { SalesApplication.CONFIG_NAME, "bakery.time-scale=0.001" })
@Import({ BakeryTestInfrastructure.class, MenuOffered.class })
// Its listeners join the consumer group 'sales'; a context left running would take
// partitions from the next one.
@DirtiesContext
class CounterPoisonRecordTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("BREZEL", 1));

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private Counter counter;

	/** The valid event a test wrote behind the record it checks. */
	private RecordMetadata next;

	/**
	 * The topic, the type name the record claims, and the record with {@code %s} where
	 * the order id goes.
	 */
	static Stream<Arguments> poison() {
		return Stream.of(
				Arguments.of(Topics.ORDERS, "OrderPlaced",
						Named.of("JSON cut off", "{\"orderId\": \"%s\", \"customer\": \"Anna\", \"items\": [")),
				Arguments.of(Topics.ORDERS, "OrderPlaced", Named.of("no items", """
						{"orderId": "%s", "customer": "Anna", "items": [], "placedAt": "2026-01-01T08:00:00Z"}""")),
				Arguments.of(Topics.BAKING_STATUS, "BakingStatusChanged",
						Named.of("JSON cut off", "{\"orderId\": \"%s")),
				Arguments.of(Topics.BAKING_STATUS, "BakingStatusChanged",
						Named.of("a status the bake house does not have", """
								{"orderId": "%s", "status": "BURNT", "items": [], "at": "2026-01-01T08:00:00Z",
								 "station": "oven-test"}""")),
				Arguments.of(Topics.PACKAGING_STATUS, "PackagingStatusChanged",
						Named.of("not JSON at all", "PACKED %s")),
				Arguments.of(Topics.PACKAGING_STATUS, "PackagingStatusChanged", Named.of("no time", """
						{"orderId": "%s", "status": "PACKED", "station": "packing-test"}""")));
	}

	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource("poison")
	void deadLettersARecordThatBreaksTheContractAndRecordsTheEventBehindIt(String topic, String type, String poison)
			throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = poison.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = sendWithTheEventBehindIt(topic, type, orderId, payload);
		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(topic))) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			DeadLetters.assertDeadLetterOf(deadLetters.records(orderId).get(0), sent, payload, "sales");
		}
		assertOnlyTheEventBehindItRecorded(orderId);
	}

	/**
	 * An order the till would refuse, written by hand: no bake house will take it, so the
	 * counter does not show it as placed.
	 */
	@Test
	void deadLettersAnOrderForAProductOnNoMenuWithItsRule() throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = """
				{"orderId": "%s", "customer": "Anna", "items": [{"product": "KUCHEN", "quantity": 1}],
				 "placedAt": "2026-01-01T08:00:00Z"}""".formatted(orderId).getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = sendWithTheEventBehindIt(Topics.ORDERS, "OrderPlaced", orderId, payload);
		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.ORDERS))) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			DeadLetters.assertRuleBroken(deadLetters.records(orderId).get(0), sent, payload, "sales", "on-the-menu",
					"items[0].product is not on the menu [BREZEL,");
		}
		assertOnlyTheEventBehindItRecorded(orderId);
	}

	/**
	 * Writes the record, then a valid event of the same order behind it (same key, same
	 * partition).
	 * @return where the record went
	 */
	private RecordMetadata sendWithTheEventBehindIt(String topic, String type, UUID orderId, byte[] payload)
			throws Exception {
		ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, orderId.toString(), payload);
		record.headers()
			.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME, type.getBytes(StandardCharsets.UTF_8));
		RecordMetadata sent = this.kafka.send(record).get().getRecordMetadata();
		this.next = this.kafka.send(topic, orderId.toString(), validEvent(topic, orderId)).get().getRecordMetadata();
		assertThat(this.next.partition()).as("same key, same partition").isEqualTo(sent.partition());
		return sent;
	}

	private void assertOnlyTheEventBehindItRecorded(UUID orderId) {
		long behind = this.next.offset();
		// The dead letter can be out before the next event is stored: until then the
		// order is not found.
		await().atMost(PATIENCE)
			.ignoreException(NotAtTheCounter.class)
			.untilAsserted(() -> assertThat(this.counter.find(orderId).timeline()).singleElement()
				.satisfies((step) -> assertThat(step.offset()).isEqualTo(behind)));
	}

	private static Object validEvent(String topic, UUID orderId) {
		return switch (topic) {
			case Topics.ORDERS -> new OrderPlaced(orderId, "Anna", ITEMS, Instant.now());
			case Topics.BAKING_STATUS ->
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN, ITEMS, Instant.now(), "oven-test");
			default -> new PackagingStatusChanged(orderId, PackagingStatusChanged.Status.PACKING, Instant.now(),
					"packing-test");
		};
	}

}
