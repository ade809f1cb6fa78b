package dev.bakery.events.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bakery.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every contract's JSON Schema, generated from its record, is released in the repository
 * ({@code src/main/resources/schemas/<type>/v<n>.json}) and shown in
 * {@code docs/contracts.md}; a change to a contract that breaks FULL_TRANSITIVE
 * compatibility fails the build, naming the field. With
 * {@code -Dbakery.contracts.release=true} a compatible change is released as the next
 * version, and the docs show it.
 */
class ContractSchemasTests {

	private static final ReleasedSchemas released = new ReleasedSchemas(Path.of("src/main/resources/schemas"));

	private static final Path DOCS = Path.of("../docs/contracts.md");

	private static final boolean RELEASE = Boolean.getBoolean("bakery.contracts.release");

	private static final Pattern DOCUMENTED = Pattern
		.compile("<!-- schema: (\\w+) v(\\d+) -->\n```json\n(.*?)```\n<!-- end of schema -->", Pattern.DOTALL);

	static Stream<String> contracts() {
		return EventTypes.BY_NAME.keySet().stream().sorted();
	}

	@ParameterizedTest
	@MethodSource("contracts")
	void everyContractIsItsLatestReleasedSchema(String type) {
		ReleasedSchemas.Verdict verdict = releasedIfAsked(type);
		assertThat(verdict.released()).as(verdict::message).isTrue();
	}

	/** The verdict on a contract's current schema, after releasing it if asked to. */
	private static ReleasedSchemas.Verdict releasedIfAsked(String type) {
		JsonNode current = ContractSchemas.of(type, EventTypes.BY_NAME.get(type));
		ReleasedSchemas.Verdict verdict = released.check(type, current);
		if (RELEASE && verdict.releasable()) {
			released.release(type, verdict.next(), current);
			verdict = released.check(type, current);
		}
		return verdict;
	}

	@ParameterizedTest
	@MethodSource("contracts")
	void everyReleasedVersionIsFullyCompatibleWithEveryVersionBeforeIt(String type) {
		assertThat(released.problemsBetweenVersions(type)).isEmpty();
	}

	@Test
	void theDocsShowTheLatestReleasedSchemaOfEveryContract() throws IOException {
		String docs = Files.readString(DOCS);
		if (RELEASE) {
			contracts().forEach(ContractSchemasTests::releasedIfAsked);
			docs = withLatestSchemas(docs);
			Files.writeString(DOCS, docs);
		}
		Map<String, ReleasedSchemas.Version> shown = new java.util.TreeMap<>();
		Matcher block = DOCUMENTED.matcher(docs);
		while (block.find()) {
			shown.put(block.group(1),
					new ReleasedSchemas.Version(Integer.parseInt(block.group(2)), DOCS, block.group(3)));
		}
		contracts().forEach((type) -> {
			List<ReleasedSchemas.Version> versions = released.versions(type);
			assertThat(shown).as("docs/contracts.md shows %s (%s)", type, ReleasedSchemas.RELEASE_COMMAND)
				.containsKey(type);
			assertThat(shown.get(type))
				.as("docs/contracts.md shows the latest %s (%s)", type, ReleasedSchemas.RELEASE_COMMAND)
				.isEqualTo(
						new ReleasedSchemas.Version(versions.size(), DOCS, versions.get(versions.size() - 1).text()));
		});
	}

	/**
	 * The docs with each contract's block showing its latest version, new ones at the
	 * end.
	 */
	private static String withLatestSchemas(String docs) {
		String updated = docs;
		for (String type : contracts().toList()) {
			List<ReleasedSchemas.Version> versions = released.versions(type);
			ReleasedSchemas.Version latest = versions.get(versions.size() - 1);
			String shown = "<!-- schema: " + type + " v" + latest.number() + " -->\n```json\n" + latest.text()
					+ "```\n<!-- end of schema -->";
			Matcher block = Pattern
				.compile("<!-- schema: " + type + " v\\d+ -->\n```json\n.*?```\n<!-- end of schema -->", Pattern.DOTALL)
				.matcher(updated);
			updated = block.find() ? updated.substring(0, block.start()) + shown + updated.substring(block.end())
					: updated + "\n## " + type + "\n\n" + shown + "\n";
		}
		return updated;
	}

	@Test
	void aReleasedSchemaThatBreaksCompatibilityFailsTheBuildNamingTheField() {
		// A fixture: OrderPlaced v1 as released, and a v2 that someone released by hand
		// with two breaking changes.
		ReleasedSchemas fixture = new ReleasedSchemas(Path.of("src/test/resources/contracts/broken"));

		assertThat(fixture.problemsBetweenVersions("OrderPlaced")).containsExactly(
				"OrderPlaced v2 after v1, backward (a new reader, an old record): note is required by the reader,"
						+ " but the writer's records may lack it",
				"OrderPlaced v2 after v1, backward (a new reader, an old record): items[].quantity is integer in the"
						+ " writer's records; the reader reads string",
				"OrderPlaced v2 after v1, forward (an old reader, a new record): items[].quantity is string in the"
						+ " writer's records; the reader reads integer");
	}

	@Test
	void aRequiredFieldAddedToAContractFailsTheBuildNamingTheField() {
		ObjectNode withNote = currentOrderPlaced();
		((ObjectNode) withNote.get("properties")).putObject("note").put("type", "string");
		((ArrayNode) withNote.get("required")).add("note");

		ReleasedSchemas.Verdict verdict = released.check("OrderPlaced", withNote);

		assertThat(verdict.releasable()).isFalse();
		assertThat(verdict.message()).startsWith("""
				OrderPlaced breaks FULL_TRANSITIVE compatibility with its released schemas:
				  v1, backward (a new reader, an old record): note is required by the reader, but the writer's\
				 records may lack it""");
	}

	@Test
	void anOptionalFieldAddedToAContractIsReleasedAsTheNextVersion() {
		ObjectNode withNote = currentOrderPlaced();
		((ObjectNode) withNote.get("properties")).set("note",
				ContractSchemas.of("Note", Note.class).get("properties").get("note"));

		ReleasedSchemas.Verdict verdict = released.check("OrderPlaced", withNote);

		assertThat(verdict.releasable()).as(verdict::message).isTrue();
		assertThat(verdict.message()).startsWith("OrderPlaced changed compatibly, but its schema is not released:"
				+ " release it as v" + (released.versions("OrderPlaced").size() + 1));
	}

	@Test
	void aNullableFieldIsOneAWriterMayLeaveOut() {
		JsonNode schema = ContractSchemas.of("Note", Note.class);

		assertThat(schema.get("required")).containsExactly(ContractSchemas.read("\"at\""));
		assertThat(schema.at("/properties/note/type")).containsExactly(ContractSchemas.read("\"string\""),
				ContractSchemas.read("\"null\""));
	}

	/** A record with a field that may be left out, as a contract would get a new one. */
	record Note(Instant at, @Nullable String note) {
	}

	private static ObjectNode currentOrderPlaced() {
		List<ReleasedSchemas.Version> versions = new ArrayList<>(released.versions("OrderPlaced"));
		return (ObjectNode) versions.get(versions.size() - 1).schema().deepCopy();
	}

}
