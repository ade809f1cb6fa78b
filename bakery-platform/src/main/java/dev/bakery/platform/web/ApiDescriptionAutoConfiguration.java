package dev.bakery.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI description ({@code /v3/api-docs}, shown by Swagger UI at
 * {@code /swagger-ui.html}) of a department that has springdoc on its class path: the
 * till and the counter. What they describe alike is here: the description's head from
 * {@code bakery.api.*} in the department's own configuration, and its problem responses.
 * The endpoints are described by the annotations on the controllers.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSettings.class)
public class ApiDescriptionAutoConfiguration {

	@Bean
	OpenAPI apiDescription(ApiSettings settings) {
		return new OpenAPI()
			.info(new Info().title(settings.title()).description(settings.description()).version(settings.version()));
	}

	@Bean
	ProblemResponses problemResponses() {
		return new ProblemResponses();
	}

}
