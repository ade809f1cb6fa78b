package dev.bakery.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpStatus;

/**
 * Every 4xx and 5xx response in the OpenAPI description is what the department really
 * sends: an RFC 9457 problem ({@code application/problem+json}, schema {@code Problem}).
 * A controller names a problem response by its status and, as its description, the
 * problem's title ({@code @ApiResponse(responseCode = "404", description = "Order not
 * found")}); this adds the body, with an example unless the controller gave one. It also
 * lists what Spring MVC answers for any endpoint by its signature alone: 400 when it
 * takes a parameter or a body that may not convert or validate, 415 when it takes a body
 * of another content type.
 */
public class ProblemResponses implements OpenApiCustomizer {

	/** The media type of RFC 9457 problem details. */
	public static final String PROBLEM_JSON = "application/problem+json";

	static final String SCHEMA = "Problem";

	@Override
	public void customise(OpenAPI api) {
		if (api.getComponents() == null) {
			api.setComponents(new Components());
		}
		api.getComponents().addSchemas(SCHEMA, problemSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().values().forEach((path) -> path.readOperations().forEach(ProblemResponses::describe));
	}

	private static void describe(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponses responses = operation.getResponses();
		boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
				|| operation.getRequestBody() != null;
		if (takesInput && !responses.containsKey("400")) {
			responses.addApiResponse("400", new ApiResponse().description("Bad Request"));
		}
		if (operation.getRequestBody() != null && !responses.containsKey("415")) {
			responses.addApiResponse("415", new ApiResponse().description("Unsupported Media Type"));
		}
		ApiResponses byStatus = new ApiResponses();
		new TreeMap<>(responses).forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				response.setContent(problemContent(Integer.parseInt(status), response));
			}
			byStatus.addApiResponse(status, response);
		});
		operation.setResponses(byStatus);
	}

	/**
	 * The problem body, keeping the examples the controller gave in whatever media type
	 * it gave them.
	 */
	private static Content problemContent(int status, ApiResponse response) {
		Map<String, Example> examples = new LinkedHashMap<>();
		if (response.getContent() != null) {
			response.getContent().values().forEach((given) -> {
				if (given.getExamples() != null) {
					examples.putAll(given.getExamples());
				}
			});
		}
		if (examples.isEmpty()) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("title", response.getDescription());
			problem.put("status", status);
			examples.put(HttpStatus.valueOf(status).getReasonPhrase(), new Example().value(problem));
		}
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)).examples(examples));
	}

	private static Schema<?> problemSchema() {
		Schema<?> problem = new ObjectSchema()
			.description("An RFC 9457 problem. Some carry more members: errors (each invalid field with what is "
					+ "wrong with it), orderId, orderStatus, idempotencyKey.")
			.addProperty("type", new StringSchema().format("uri")._default("about:blank"))
			.addProperty("title", new StringSchema().description("What went wrong, the same for every such problem"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			.addProperty("instance", new StringSchema().format("uri").description("The path asked for"));
		problem.setAdditionalProperties(true);
		return problem;
	}

}
