package dev.bakery.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.bakery.events.OrderRules;
import dev.bakery.platform.kafka.KafkaMessagingConfiguration;
import dev.bakery.platform.menu.MenuTable;
import dev.bakery.platform.outbox.OutboxConfiguration;
import dev.bakery.platform.tracing.TracingConfiguration;
import dev.bakery.platform.web.DatabaseAway;
import dev.bakery.platform.work.WorkstationsConfiguration;

/**
 * Everything a department gets by having this module on its class path: the topics, JSON
 * on Kafka with dead-letter handling, the transactional outbox with its relay, the menu
 * and the rules every order keeps, the stations of a department that has some, one trace
 * per order, and a 503 problem from its HTTP endpoints while its database is away.
 * <p>
 * Before Boot's OpenTelemetry configuration, which backs off from the platform's sampler.
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(BakerySettings.class)
@Import({ KafkaMessagingConfiguration.class, OutboxConfiguration.class, WorkstationsConfiguration.class,
		TracingConfiguration.class, DatabaseAway.class })
public class PlatformAutoConfiguration {

	/**
	 * Registered with the transaction manager by Spring Boot, as every such listener is.
	 */
	@Bean
	Faults faults() {
		return new Faults();
	}

	@Bean
	FaultEndpoint faultEndpoint(Faults faults) {
		return new FaultEndpoint(faults);
	}

	/** The rules every order keeps, with this department's limits. */
	@Bean
	OrderRules orderRules(BakerySettings settings) {
		return new OrderRules(settings.longestWork(), settings.timeScale());
	}

	/** The menu, read from {@code bakery.menu}. */
	@Bean
	MenuTable menuTable(ConsumerFactory<Object, Object> consumers, BakerySettings settings) {
		return new MenuTable(consumers, settings.instanceId() + "-menu");
	}

}
