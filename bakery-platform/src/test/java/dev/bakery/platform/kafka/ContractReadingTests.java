package dev.bakery.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.EventTypes;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.ProductOffered;
import dev.bakery.events.SalesStatusChanged;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newer writer may add to a contract (a field the reader does not know, on the
 * record or in one of its lines; a new field a writer may leave out), every department's
 * reader takes: the serializer and deserializer configured exactly as the departments
 * configure theirs ({@link KafkaMessagingConfiguration#eventSerializer()},
 * {@link KafkaMessagingConfiguration#contractDeserialization()}). What the build refuses
 * as incompatible, a reader cannot read.
 */
class ContractReadingTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Instant AT = Instant.parse("2026-11-23T07:30:00Z");

	private static final UUID ORDER = UUID.fromString("c0ffee00-0000-4000-8000-000000000001");

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("BREZEL", 3), new OrderLine("CROISSANT", 1));

	static Stream<Named<Object>> contracts() {
		return Stream.of(Named.of("OrderPlaced", new OrderPlaced(ORDER, "Anna", ITEMS, AT)),
				Named.of("BakingStatusChanged",
						new BakingStatusChanged(ORDER, BakingStatusChanged.Status.BAKED, ITEMS, AT, "oven-1")),
				Named.of("PackagingStatusChanged",
						new PackagingStatusChanged(ORDER, PackagingStatusChanged.Status.PACKED, AT, "table-1")),
				Named.of("SalesStatusChanged",
						new SalesStatusChanged(ORDER, SalesStatusChanged.Status.HANDED_OVER, AT, "counter-1")),
				Named.of("ProductOffered", new ProductOffered("BREZEL", "Brezel", 120, 12, AT, "oven-1")));
	}

	@Test
	void coversEveryContract() {
		assertThat(contracts().map(Named::getName)).containsExactlyInAnyOrderElementsOf(EventTypes.BY_NAME.keySet());
	}

	@ParameterizedTest
	@MethodSource("contracts")
	void readsARecordWithAFieldItDoesNotKnow(Object event) {
		ObjectNode newer = written(event);
		newer.put("allergens", "gluten");
		newer.putObject("packedFor").put("bag", "paper");

		assertThat(read(event, newer)).isEqualTo(event);
	}

	@Test
	void readsALineWithAFieldItDoesNotKnow() {
		OrderPlaced order = new OrderPlaced(ORDER, "Anna", ITEMS, AT);
		ObjectNode newer = written(order);
		((ObjectNode) newer.get("items").get(0)).put("glaze", "sugar");

		assertThat(read(order, newer)).isEqualTo(order);
	}

	@Test
	void doesNotReadAStatusItDoesNotKnow() {
		BakingStatusChanged baked = new BakingStatusChanged(ORDER, BakingStatusChanged.Status.BAKED, ITEMS, AT,
				"oven-1");
		ObjectNode burnt = written(baked).put("status", "BURNT");

		RecordHeaders headers = headers(baked);
		assertThat(deserializer().deserialize("bakery.baking-status", headers, bytes(burnt))).isNull();
		assertThat(headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER))
			.as("a record the error handler dead-letters")
			.isNotNull();
	}

	private static ObjectNode written(Object event) {
		try (Serializer<Object> serializer = KafkaMessagingConfiguration.eventSerializer()) {
			return (ObjectNode) json.readTree(serializer.serialize("any", new RecordHeaders(), event));
		}
	}

	private static Object read(Object event, ObjectNode newer) {
		try (Deserializer<Object> deserializer = deserializer()) {
			return deserializer.deserialize("any", headers(event), bytes(newer));
		}
	}

	/** The type header the serializer writes, as a writer of the contract sends it. */
	private static RecordHeaders headers(Object event) {
		RecordHeaders headers = new RecordHeaders();
		try (Serializer<Object> serializer = KafkaMessagingConfiguration.eventSerializer()) {
			serializer.serialize("any", headers, event);
		}
		return headers;
	}

	private static Deserializer<Object> deserializer() {
		ErrorHandlingDeserializer<Object> deserializer = new ErrorHandlingDeserializer<>();
		deserializer.configure(KafkaMessagingConfiguration.contractDeserialization(), false);
		return deserializer;
	}

	private static byte[] bytes(ObjectNode record) {
		return record.toString().getBytes(StandardCharsets.UTF_8);
	}

}
