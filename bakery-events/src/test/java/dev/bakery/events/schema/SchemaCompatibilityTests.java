package dev.bakery.events.schema;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The checker's judgement on each kind of change a contract can go through, both ways
 * round: what a new reader makes of old records (backward) and an old reader of new ones
 * (forward).
 */
class SchemaCompatibilityTests {

	private static final String LINE = """
			{"type":"object","properties":{
			  "product":{"type":"string"},
			  "quantity":{"type":"integer","format":"int32","minimum":1,"maximum":50},
			  "status":{"type":"string","enum":["IN_OVEN","BAKED"]}%s},
			 "required":["product","quantity","status"%s]}""";

	private static final JsonNode BEFORE = schema("", "");

	@Test
	void theSameSchemaIsFullyCompatible() {
		assertThat(SchemaCompatibility.full(BEFORE, BEFORE)).isEmpty();
	}

	@Test
	void anOptionalFieldIsFullyCompatible() {
		JsonNode after = schema(",\"note\":{\"type\":[\"string\",\"null\"]}", "");

		assertThat(SchemaCompatibility.full(after, BEFORE)).isEmpty();
	}

	@Test
	void aRequiredFieldIsNotBackwardCompatibleAndNamesTheField() {
		JsonNode after = schema(",\"note\":{\"type\":\"string\"}", ",\"note\"");

		assertThat(SchemaCompatibility.full(after, BEFORE)).containsExactly(
				"backward (a new reader, an old record): note is required by the reader, but the writer's records may lack it");
	}

	@Test
	void droppingARequiredFieldIsNotForwardCompatible() {
		JsonNode after = schema("", "").deepCopy();
		((tools.jackson.databind.node.ObjectNode) after).set("required",
				ContractSchemas.read("[\"product\",\"quantity\"]"));

		assertThat(SchemaCompatibility.full(after, BEFORE)).containsExactly(
				"forward (an old reader, a new record): status is required by the reader, but the writer's records may lack it");
	}

	@Test
	void aChangedTypeIsIncompatibleBothWays() {
		JsonNode after = ContractSchemas.read(BEFORE.toString().replace("""
				{"type":"integer","format":"int32","minimum":1,"maximum":50}""", """
				{"type":"string"}"""));

		assertThat(SchemaCompatibility.full(after, BEFORE)).containsExactly(
				"backward (a new reader, an old record): quantity is integer in the writer's records; the reader reads string",
				"forward (an old reader, a new record): quantity is string in the writer's records; the reader reads integer");
	}

	@Test
	void aNewEnumValueIsNotForwardCompatible() {
		JsonNode after = ContractSchemas.read(BEFORE.toString().replace("\"BAKED\"]", "\"BAKED\",\"BURNT\"]"));

		assertThat(SchemaCompatibility.full(after, BEFORE)).containsExactly(
				"forward (an old reader, a new record): status may be [BURNT] in the writer's records, which the reader does not know");
	}

	@Test
	void aLimitIsAContractBothWays() {
		JsonNode raised = ContractSchemas.read(BEFORE.toString().replace("\"maximum\":50", "\"maximum\":60"));

		assertThat(SchemaCompatibility.full(raised, BEFORE)).containsExactly(
				"forward (an old reader, a new record): quantity may be above the reader's maximum 50 in the writer's records (maximum 60)");
		assertThat(SchemaCompatibility.full(BEFORE, raised)).containsExactly(
				"backward (a new reader, an old record): quantity may be above the reader's maximum 50 in the writer's records (maximum 60)");
	}

	@Test
	void aValueThatMayBeNullIsNotForwardCompatible() {
		JsonNode after = ContractSchemas.read(BEFORE.toString()
			.replace("\"product\":{\"type\":\"string\"}", "\"product\":{\"type\":[\"string\",\"null\"]}"));

		assertThat(SchemaCompatibility.full(after, BEFORE)).containsExactly(
				"forward (an old reader, a new record): product may be null in the writer's records; the reader needs a value");
	}

	@Test
	void namesAFieldInsideAnArrayByItsPath() {
		JsonNode order = ContractSchemas
			.read("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":" + BEFORE
					+ "}},\"required\":[\"items\"]}");
		JsonNode changed = ContractSchemas
			.read(order.toString().replace("\"format\":\"int32\"", "\"format\":\"int64\""));

		assertThat(SchemaCompatibility.full(changed, order)).containsExactly(
				"forward (an old reader, a new record): items[].quantity has format int64 in the writer's records; the reader reads int32");
	}

	@Test
	void aReaderThatTakesNoUnknownFieldCannotReadANewOne() {
		JsonNode closed = ContractSchemas
			.read(BEFORE.toString().replaceFirst("\\{", "{\"additionalProperties\":false,"));
		JsonNode after = schema(",\"note\":{\"type\":[\"string\",\"null\"]}", "");

		assertThat(SchemaCompatibility.readerProblems(closed, after))
			.containsExactly("note is in the writer's records; the reader takes no field it does not know");
	}

	@Test
	void refusesToJudgeAKeywordItDoesNotKnow() {
		JsonNode oneOf = ContractSchemas.read("{\"type\":\"object\",\"oneOf\":[]}");

		assertThatIllegalArgumentException().isThrownBy(() -> SchemaCompatibility.full(oneOf, BEFORE))
			.withMessage("The keyword oneOf at the record is one this checker cannot judge");
	}

	private static JsonNode schema(String moreFields, String moreRequired) {
		return ContractSchemas.read(LINE.formatted(moreFields, moreRequired));
	}

}
