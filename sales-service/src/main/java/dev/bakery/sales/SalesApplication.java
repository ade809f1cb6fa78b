package dev.bakery.sales;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The counter: consumer group {@code sales} on all four topics. It keeps the customers'
 * view of every order, hands packed orders over, and keeps the shelf (Kafka Streams).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SalesApplication {

	/**
	 * Its configuration file is named after the service, so all four can run in one JVM
	 * in the end-to-end tests.
	 */
	public static final String CONFIG_NAME = "spring.config.name=sales-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(SalesApplication.class).properties(CONFIG_NAME).run(args);
	}

}
