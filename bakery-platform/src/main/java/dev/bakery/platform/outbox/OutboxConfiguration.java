package dev.bakery.platform.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.Faults;
import dev.bakery.platform.kafka.KafkaMessagingConfiguration;

/** The outbox and its relay. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

	@Bean
	Outbox outbox(JdbcClient jdbc) {
		return new Outbox(jdbc, KafkaMessagingConfiguration.eventSerializer());
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
			BakerySettings settings, Faults faults) {
		return new OutboxRelay(jdbc, transactions, kafka, settings.outbox(), faults);
	}

}
