package dev.bakery.board;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The live board, an application of its own: it watches the bakery from outside, through
 * Kafka's admin API and the departments' HTTP APIs and metrics, so that it stays up while
 * any department restarts, the counter included. It owns no database and joins no
 * consumer group.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BoardApplication {

	/** Its configuration file is named after it, as each department's is. */
	public static final String CONFIG_NAME = "spring.config.name=bakery-board";

	public static void main(String[] args) {
		new SpringApplicationBuilder(BoardApplication.class).properties(CONFIG_NAME).run(args);
	}

}
