package dev.bakery.bakehouse.baking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.DeadLetters;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record on {@code bakery.orders} that the bake house cannot read, or that breaks one
 * of the rules every order keeps, goes to {@code bakery.orders.DLT} (the latter with the
 * rule and the reason in its headers) and never takes an oven; the order behind it on the
 * same partition is baked as usual. Ovens may work one second on an order here.
 */
@SpringBootTest(properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0.001", "bakery.longest-work=1s",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class BakehousePoisonRecordTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

	/** Each with {@code %s} where the order id goes. */
	static Stream<Named<String>> unreadable() {
		return Stream.of(Named.of("JSON cut off", "{\"orderId\": \"%s\", \"customer\": \"Anna\", \"items\": ["),
				Named.of("no placedAt", """
						{"orderId": "%s", "customer": "Anna", "items": [{"product": "BREZEL", "quantity": 1}]}"""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unreadable")
	void deadLettersARecordItCannotReadAndBakesTheOrderBehindIt(String poison) throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = poison.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = sendHandWritten(orderId, payload);
		UUID next = sendNextOrderOnTheSamePartition(orderId, sent);

		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.ORDERS))) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			DeadLetters.assertDeadLetterOf(deadLetters.records(orderId).get(0), sent, payload, "bakery");
		}
		assertBaked(next);
	}

	static Stream<Arguments> rulesBroken() {
		String twentyLinesOfFiftyRyeBreads = IntStream.range(0, 20)
			.mapToObj((line) -> "{\"product\": \"ROGGENBROT\", \"quantity\": 50}")
			.collect(Collectors.joining(", "));
		return Stream.of(
				Arguments.of(Named.of("quantity 0", items("{\"product\": \"BREZEL\", \"quantity\": 0}")), "quantity",
						"quantity must be between 1 and 50, was 0"),
				Arguments.of(Named.of("no items", items("")), "lines", "items must have 1 to 20 lines, has 0"),
				Arguments.of(Named.of("a product not on the menu", items("{\"product\": \"DONUT\", \"quantity\": 1}")),
						"on-the-menu", "items[0].product is not on the menu [BREZEL,"),
				Arguments.of(
						Named.of("an order no oven bakes within the longest work", items(twentyLinesOfFiftyRyeBreads)),
						"fits-a-station",
						"items would bake for 4s at time scale 0.001, longer than the 1s one station may work"));
	}

	private static String items(String lines) {
		return """
				{"orderId": "%s", "customer": "Anna", "items": [""" + lines + """
				], "placedAt": "2026-01-01T08:00:00Z"}""";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rulesBroken")
	void deadLettersAnOrderThatBreaksARuleWithTheRuleBeforeItTakesAnOven(String order, String rule, String reason)
			throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = order.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = sendHandWritten(orderId, payload);
		UUID next = sendNextOrderOnTheSamePartition(orderId, sent);

		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.ORDERS));
				TopicReader bakingStatus = Infrastructure.get().reader(Topics.BAKING_STATUS)) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			DeadLetters.assertRuleBroken(deadLetters.records(orderId).get(0), sent, payload, "bakery", rule, reason);
			assertBaked(next);
			assertThat(bakingStatus.records(orderId)).as("nothing baked for it").isEmpty();
		}
		assertThat(this.database.sql("SELECT count(*) FROM station_jobs WHERE order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).as("no oven took it").isZero();
	}

	private RecordMetadata sendHandWritten(UUID key, byte[] payload) throws Exception {
		ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.ORDERS, key.toString(), payload);
		record.headers()
			.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
					"OrderPlaced".getBytes(StandardCharsets.UTF_8));
		return this.kafka.send(record).get().getRecordMetadata();
	}

	/**
	 * An order of its own, sent with the poison record's key so that it waits behind it
	 * on its partition.
	 */
	private UUID sendNextOrderOnTheSamePartition(UUID key, RecordMetadata poison) throws Exception {
		UUID next = UUID.randomUUID();
		OrderPlaced order = new OrderPlaced(next, "Anna", List.of(new OrderLine("BREZEL", 1)), Instant.now());
		RecordMetadata sent = this.kafka.send(Topics.ORDERS, key.toString(), order).get().getRecordMetadata();
		assertThat(sent.partition()).as("same key, same partition").isEqualTo(poison.partition());
		return next;
	}

	private static void assertBaked(UUID orderId) {
		try (TopicReader bakingStatus = Infrastructure.get().reader(Topics.BAKING_STATUS)) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(bakingStatus.values(orderId, BakingStatusChanged.class))
					.extracting(BakingStatusChanged::status)
					.containsExactly(IN_OVEN, BAKED));
		}
	}

}
