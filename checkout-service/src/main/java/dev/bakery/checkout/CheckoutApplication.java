package dev.bakery.checkout;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The till: takes customer orders over REST and is the producer of {@code bakery.orders}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CheckoutApplication {

	/**
	 * Its configuration file is named after the service, so all four can run in one JVM
	 * in the end-to-end tests.
	 */
	public static final String CONFIG_NAME = "spring.config.name=checkout-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(CheckoutApplication.class).properties(CONFIG_NAME).run(args);
	}

}
