package dev.bakery.events.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Whether a reader that expects one JSON Schema can read every record a writer with
 * another writes, for the part of JSON Schema that {@link ContractSchemas} emits, judged
 * the way the departments read: a field the reader does not know is ignored (Jackson's
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} is off in spring-kafka's deserializer); a field the
 * reader requires must be in every record; a value must be of a type, an enum value and
 * within the limits the reader takes. A schema with a keyword this checker does not know
 * is refused rather than judged, so that nothing passes unjudged.
 * <p>
 * Written here because the one library compatibility checker Maven Central serves here
 * (Apicurio Registry's JSON Schema checker, apicurio-registry-schema-util-json 3.0.7)
 * judges by the letter of JSON Schema for an open object, where any field may hold
 * anything: to it, adding an optional field narrows what old records may hold, so a
 * FULL-compatible contract could never gain a field, and its finding ("
 * OBJECT_TYPE_PROPERTY_SCHEMAS_NARROWED at /propertySchemasAdded") does not name the
 * field. The README says more.
 */
public final class SchemaCompatibility {

	private static final Set<String> KEYWORDS = Set.of("$schema", "title", "description", "type", "format",
			"properties", "required", "items", "enum", "const", "minimum", "maximum", "minItems", "maxItems",
			"minLength", "maxLength", "pattern", "additionalProperties");

	private SchemaCompatibility() {
	}

	/**
	 * FULL compatibility, as a schema registry defines it: a reader with the newer schema
	 * reads the older schema's records (backward), and a reader with the older schema the
	 * newer one's (forward).
	 * @return what breaks, each naming the field; empty when the two are fully compatible
	 */
	public static List<String> full(JsonNode newer, JsonNode older) {
		List<String> problems = new ArrayList<>();
		readerProblems(newer, older)
			.forEach((problem) -> problems.add("backward (a new reader, an old record): " + problem));
		readerProblems(older, newer)
			.forEach((problem) -> problems.add("forward (an old reader, a new record): " + problem));
		return problems;
	}

	/**
	 * What a reader with the first schema cannot read of the records the second
	 * describes, each naming the field; empty when it reads them all.
	 */
	public static List<String> readerProblems(JsonNode reader, JsonNode writer) {
		List<String> problems = new ArrayList<>();
		compare("", reader, writer, problems);
		return problems;
	}

	private static void compare(String path, JsonNode reader, JsonNode writer, List<String> problems) {
		refuseUnknownKeywords(path, reader);
		refuseUnknownKeywords(path, writer);
		Set<String> readerTypes = types(path, reader);
		Set<String> writerTypes = types(path, writer);
		if (writerTypes.contains("null") && !readerTypes.contains("null")) {
			problems.add(field(path) + " may be null in the writer's records; the reader needs a value");
		}
		for (String type : writerTypes) {
			if (!type.equals("null") && !readerTypes.contains(type)
					&& !(type.equals("integer") && readerTypes.contains("number"))) {
				problems.add(field(path) + " is " + type + " in the writer's records; the reader reads "
						+ String.join(" or ", readerTypes));
				return;
			}
		}
		compareFormats(path, reader, writer, problems);
		compareValues(path, reader, writer, problems);
		lowerBound(path, "minimum", reader, writer, problems);
		lowerBound(path, "minLength", reader, writer, problems);
		lowerBound(path, "minItems", reader, writer, problems);
		upperBound(path, "maximum", reader, writer, problems);
		upperBound(path, "maxLength", reader, writer, problems);
		upperBound(path, "maxItems", reader, writer, problems);
		if (reader.has("pattern") && !Objects.equals(reader.get("pattern"), writer.get("pattern"))) {
			problems.add(field(path) + " must match " + reader.get("pattern").asString()
					+ " for the reader; the writer's records need not");
		}
		if (writerTypes.contains("object")) {
			compareObjects(path, reader, writer, problems);
		}
		if (writerTypes.contains("array")) {
			compare(path + "[]", reader.path("items"), writer.path("items"), problems);
		}
	}

	private static void compareObjects(String path, JsonNode reader, JsonNode writer, List<String> problems) {
		Set<String> writerRequires = strings(writer.path("required"));
		for (String name : strings(reader.path("required"))) {
			if (!writerRequires.contains(name)) {
				problems
					.add(field(child(path, name)) + " is required by the reader, but the writer's records may lack it");
			}
		}
		JsonNode readerFields = reader.path("properties");
		JsonNode writerFields = writer.path("properties");
		for (String name : writerFields.propertyNames()) {
			if (readerFields.has(name)) {
				compare(child(path, name), readerFields.get(name), writerFields.get(name), problems);
			}
			else if (reader.path("additionalProperties").isBoolean()
					&& !reader.path("additionalProperties").asBoolean()) {
				problems.add(field(child(path, name))
						+ " is in the writer's records; the reader takes no field it does not know");
			}
		}
	}

	/** A reader that expects a format gets it; int32 fits where int64 is read. */
	private static void compareFormats(String path, JsonNode reader, JsonNode writer, List<String> problems) {
		String expected = reader.path("format").asString(null);
		String written = writer.path("format").asString(null);
		if (expected == null || expected.equals(written) || (expected.equals("int64") && "int32".equals(written))) {
			return;
		}
		problems.add(field(path) + " has format " + ((written != null) ? written : "(any)")
				+ " in the writer's records; the reader reads " + expected);
	}

	private static void compareValues(String path, JsonNode reader, JsonNode writer, List<String> problems) {
		Set<String> known = values(reader);
		if (known == null) {
			return;
		}
		Set<String> written = values(writer);
		if (written == null) {
			problems.add(field(path) + " may be any value in the writer's records; the reader knows only " + known);
			return;
		}
		Set<String> unknown = new TreeSet<>(written);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			problems
				.add(field(path) + " may be " + unknown + " in the writer's records, which the reader does not know");
		}
	}

	private static void lowerBound(String path, String keyword, JsonNode reader, JsonNode writer,
			List<String> problems) {
		if (reader.has(keyword) && (!writer.has(keyword)
				|| writer.get(keyword).decimalValue().compareTo(reader.get(keyword).decimalValue()) < 0)) {
			problems.add(field(path) + " may be below the reader's " + keyword + " " + reader.get(keyword)
					+ " in the writer's records" + bound(writer, keyword));
		}
	}

	private static void upperBound(String path, String keyword, JsonNode reader, JsonNode writer,
			List<String> problems) {
		if (reader.has(keyword) && (!writer.has(keyword)
				|| writer.get(keyword).decimalValue().compareTo(reader.get(keyword).decimalValue()) > 0)) {
			problems.add(field(path) + " may be above the reader's " + keyword + " " + reader.get(keyword)
					+ " in the writer's records" + bound(writer, keyword));
		}
	}

	private static String bound(JsonNode writer, String keyword) {
		return writer.has(keyword) ? " (" + keyword + " " + writer.get(keyword) + ")" : " (no " + keyword + ")";
	}

	/**
	 * The values an enum or a const allows; null when any value of the type is allowed.
	 */
	private static Set<String> values(JsonNode schema) {
		if (schema.has("const")) {
			return Set.of(schema.get("const").asString());
		}
		if (schema.has("enum")) {
			return strings(schema.get("enum"));
		}
		return null;
	}

	private static Set<String> types(String path, JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			throw new IllegalArgumentException("A schema without a type at " + field(path) + " cannot be judged");
		}
		return type.isArray() ? strings(type) : Set.of(type.asString());
	}

	private static void refuseUnknownKeywords(String path, JsonNode schema) {
		for (String keyword : schema.propertyNames()) {
			if (!KEYWORDS.contains(keyword)) {
				throw new IllegalArgumentException(
						"The keyword " + keyword + " at " + field(path) + " is one this checker cannot judge");
			}
		}
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> strings = new LinkedHashSet<>();
		array.forEach((value) -> strings.add(value.asString()));
		return strings;
	}

	private static String child(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	private static String field(String path) {
		return path.isEmpty() ? "the record" : path;
	}

}
