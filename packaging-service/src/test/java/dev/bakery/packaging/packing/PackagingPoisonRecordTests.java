package dev.bakery.packaging.packing;

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

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.GroupOffsets;
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
 * {@code bakery.baking-status.DLT} with spring-kafka's exception headers, one that breaks
 * a rule every order keeps with the rule and the reason too, and neither takes a packing
 * station; the order behind it on the same partition is packed as usual. A station may
 * work 100 ms on an order here.
 */
@SpringBootTest(properties = { PackagingApplication.CONFIG_NAME, "bakery.time-scale=0.001", "bakery.longest-work=100ms",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class PackagingPoisonRecordTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

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

	static Stream<Arguments> rulesBroken() {
		String thousandRolls = IntStream.range(0, 20)
			.mapToObj((line) -> "{\"product\": \"BROETCHEN\", \"quantity\": 50}")
			.collect(Collectors.joining(", "));
		return Stream.of(
				Arguments.of(Named.of("quantity 0", baked("{\"product\": \"BREZEL\", \"quantity\": 0}")), "quantity",
						"quantity must be between 1 and 50, was 0"),
				Arguments.of(Named.of("more than one table packs within the longest work", baked(thousandRolls)),
						"fits-a-station", "items would take 0.189s to pack at time scale 0.001"));
	}

	private static String baked(String lines) {
		return """
				{"orderId": "%s", "status": "BAKED", "items": [""" + lines + """
				], "at": "2026-01-01T08:00:00Z", "station": "oven-test"}""";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rulesBroken")
	void deadLettersBakedGoodsThatBreakARuleWithTheRuleBeforeTheyTakeAStation(String change, String rule, String reason)
			throws Exception {
		UUID orderId = UUID.randomUUID();
		byte[] payload = change.formatted(orderId).getBytes(StandardCharsets.UTF_8);
		ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.BAKING_STATUS, orderId.toString(), payload);
		record.headers()
			.add(DefaultJacksonJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
					"BakingStatusChanged".getBytes(StandardCharsets.UTF_8));
		RecordMetadata sent = this.kafka.send(record).get().getRecordMetadata();

		try (TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.BAKING_STATUS));
				TopicReader packagingStatus = Infrastructure.get().reader(Topics.PACKAGING_STATUS)) {
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records(orderId)).hasSize(1));
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.records(orderId).get(0);
			if (rule.equals("quantity")) {
				// Unreadable: the contract's constructor refuses it.
				DeadLetters.assertDeadLetterOf(deadLetter, sent, payload, "packaging");
			}
			DeadLetters.assertRuleBroken(deadLetter, sent, payload, "packaging", rule, reason);
			GroupOffsets.awaitRead("packaging",
					this.kafka
						.send(Topics.BAKING_STATUS, orderId.toString(),
								new BakingStatusChanged(UUID.randomUUID(), BakingStatusChanged.Status.IN_OVEN,
										List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-test"))
						.get());
			assertThat(packagingStatus.records(orderId)).as("nothing packed for it").isEmpty();
		}
		assertThat(this.database.sql("SELECT count(*) FROM station_jobs WHERE order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).as("no station took it").isZero();
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
				List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-test");
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
