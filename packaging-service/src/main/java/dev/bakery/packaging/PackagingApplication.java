package dev.bakery.packaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Packaging: consumer group {@code packaging} on {@code bakery.baking-status}; packs
 * baked orders and reports to {@code bakery.packaging-status}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PackagingApplication {

	/**
	 * Its configuration file is named after the service, so all four can run in one JVM
	 * in the end-to-end tests.
	 */
	public static final String CONFIG_NAME = "spring.config.name=packaging-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(PackagingApplication.class).properties(CONFIG_NAME).run(args);
	}

}
