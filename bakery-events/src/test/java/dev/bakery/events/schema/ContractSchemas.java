package dev.bakery.events.schema;

import java.math.BigDecimal;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.ProductOffered;

/**
 * The JSON Schema of a contract record, made by victools' jsonschema-generator the way
 * the events go on the wire: every field of the record, by its name; a UUID and an
 * instant as strings of their format; an enum as its names. A field is required unless it
 * is {@link Nullable}: a writer may leave out only what a reader can do without. The
 * rules on a single value ({@link OrderRules}' limits, a product's name) are part of it,
 * so that changing one is a change of the contract. Objects stay open (no
 * {@code additionalProperties: false}): the departments' readers ignore a field they do
 * not know.
 */
public final class ContractSchemas {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final SchemaGenerator generator = new SchemaGenerator(config());

	private ContractSchemas() {
	}

	private static SchemaGeneratorConfig config() {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.INLINE_ALL_SCHEMAS);
		config.forFields()
			.withRequiredCheck((field) -> !nullable(field))
			.withNullableCheck(ContractSchemas::nullable)
			.withNumberInclusiveMinimumResolver(ContractSchemas::minimum)
			.withNumberInclusiveMaximumResolver((field) -> is(field, OrderLine.class, "quantity")
					? BigDecimal.valueOf(OrderRules.MAX_QUANTITY) : null)
			.withArrayMinItemsResolver((field) -> isItems(field) ? 1 : null)
			.withArrayMaxItemsResolver((field) -> isItems(field) ? OrderRules.MAX_LINES : null)
			.withStringMinLengthResolver((field) -> is(field, OrderPlaced.class, "customer") ? 1 : null)
			.withStringMaxLengthResolver(
					(field) -> is(field, OrderPlaced.class, "customer") ? OrderRules.MAX_CUSTOMER_LENGTH : null)
			.withStringPatternResolver(
					(field) -> is(field, ProductOffered.class, "product") ? ProductOffered.PRODUCT_NAME : null);
		return config.build();
	}

	/** {@code @Nullable} is a type-use annotation: it sits on the field's type. */
	private static boolean nullable(FieldScope field) {
		return field.getRawMember().getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static BigDecimal minimum(FieldScope field) {
		if (is(field, OrderLine.class, "quantity") || is(field, ProductOffered.class, "bakeTimeSeconds")) {
			return BigDecimal.ONE;
		}
		return is(field, ProductOffered.class, "priceInCents") ? BigDecimal.ZERO : null;
	}

	private static boolean isItems(FieldScope field) {
		return is(field, OrderPlaced.class, "items") || is(field, BakingStatusChanged.class, "items");
	}

	private static boolean is(FieldScope field, Class<?> type, String name) {
		// Not the array's items, which victools asks about as the same field once more.
		return !field.isFakeContainerItemScope() && field.getDeclaringType().getErasedType() == type
				&& field.getName().equals(name);
	}

	/**
	 * The schema of a contract type, titled with its type name on the wire, as it reads
	 * back from its text (a limit the generator makes a decimal reads back as an
	 * integer).
	 */
	public static ObjectNode of(String typeName, Class<?> type) {
		ObjectNode schema = generator.generateSchema(type);
		ObjectNode titled = json.createObjectNode();
		titled.set("$schema", schema.get("$schema"));
		titled.put("title", typeName);
		schema.properties().forEach((entry) -> {
			if (!entry.getKey().equals("$schema")) {
				titled.set(entry.getKey(), entry.getValue());
			}
		});
		return (ObjectNode) read(text(titled));
	}

	/**
	 * A schema as the repository keeps it: indented, one field a line, a final newline.
	 */
	public static String text(JsonNode schema) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
	}

	/** A schema from its text. */
	public static JsonNode read(String text) {
		return json.readTree(text);
	}

}
