package dev.bakery.bakehouse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The bake house: consumer group {@code bakery} on {@code bakery.orders}; bakes each
 * order and reports to {@code bakery.baking-status}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BakehouseApplication {

	/**
	 * Its configuration file is named after the service, so all four can run in one JVM
	 * in the end-to-end tests.
	 */
	public static final String CONFIG_NAME = "spring.config.name=bakery-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(BakehouseApplication.class).properties(CONFIG_NAME).run(args);
	}

}
