package dev.bakery.infrastructure;

import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What a test expects of a department's OpenAPI description ({@code /v3/api-docs}): that
 * it describes exactly the endpoints the department's own controllers map, each with a
 * summary and its problem responses, so that an endpoint added without a description
 * fails the build.
 */
public final class ApiDescriptions {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private ApiDescriptions() {
	}

	/**
	 * Asserts that the description lists every endpoint the department's controllers map
	 * (in {@code dev.bakery}; not springdoc's, actuator's or Spring Boot's error page)
	 * and nothing else; that each has a summary; that every problem response it lists is
	 * an RFC 9457 problem; that each endpoint taking a parameter or a body lists 400,
	 * each taking a body 415, and each with a path variable 404.
	 * @param description the department's {@code /v3/api-docs}
	 * @param mvc its {@code requestMappingHandlerMapping}
	 */
	public static void assertDescribesEveryEndpoint(JsonNode description, RequestMappingHandlerMapping mvc) {
		Set<String> mapped = new TreeSet<>();
		mvc.getHandlerMethods().forEach((mapping, handler) -> {
			if (handler.getBeanType().getPackageName().startsWith("dev.bakery.")) {
				mapped.addAll(endpoints(mapping));
			}
		});
		Set<String> described = new TreeSet<>();
		description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			if (METHODS.contains(operation.getKey())) {
				described.add(operation.getKey().toUpperCase() + " " + path.getKey());
			}
		}));
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(mapped).as("the endpoints the controllers map").isNotEmpty();
		softly.assertThat(described).as("the endpoints /v3/api-docs describes").isEqualTo(mapped);
		description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((entry) -> {
			if (METHODS.contains(entry.getKey())) {
				checkOperation(softly, entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue());
			}
		}));
		softly.assertAll();
	}

	private static void checkOperation(SoftAssertions softly, String endpoint, JsonNode operation) {
		softly.assertThat(operation.path("summary").asString("")).as("%s: its summary", endpoint).isNotBlank();
		JsonNode responses = operation.path("responses");
		responses.properties().forEach((response) -> {
			if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
				softly.assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString(""))
					.as("%s: its %s response, an RFC 9457 problem", endpoint, response.getKey())
					.isEqualTo("#/components/schemas/Problem");
			}
		});
		boolean takesInput = !operation.path("parameters").isEmpty() || operation.has("requestBody");
		if (takesInput) {
			softly.assertThat(responses.has("400")).as("%s lists 400 (it takes input)", endpoint).isTrue();
		}
		if (operation.has("requestBody")) {
			softly.assertThat(responses.has("415")).as("%s lists 415 (it takes a body)", endpoint).isTrue();
		}
		if (endpoint.contains("{")) {
			softly.assertThat(responses.has("404")).as("%s lists 404 (it names a resource)", endpoint).isTrue();
		}
	}

	private static Set<String> endpoints(RequestMappingInfo mapping) {
		Set<String> endpoints = new TreeSet<>();
		Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
		for (String pattern : mapping.getPatternValues()) {
			if (methods.isEmpty()) {
				endpoints.add("ANY " + pattern);
			}
			methods.forEach((method) -> endpoints.add(method.name() + " " + pattern));
		}
		return endpoints;
	}

}
