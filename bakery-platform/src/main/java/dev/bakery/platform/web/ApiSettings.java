package dev.bakery.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The head of a department's OpenAPI description, under {@code bakery.api.*}.
 * (springdoc's own {@code springdoc.open-api.info.*} would do the same, but its
 * post-processor makes Spring warn about an early bean at every start.)
 *
 * @param title the department, as a learner knows it
 * @param description what it does, and where to go next
 * @param version the version of the API (its paths and bodies), not of the software
 */
@ConfigurationProperties("bakery.api")
public record ApiSettings(String title, String description, @DefaultValue("1") String version) {
}
