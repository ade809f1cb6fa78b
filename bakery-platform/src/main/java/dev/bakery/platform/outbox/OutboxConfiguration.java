package dev.bakery.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.Faults;
import dev.bakery.platform.kafka.KafkaMessagingConfiguration;
import dev.bakery.platform.tracing.Traceparents;

/** The outbox, its relay, and the gauge of the events that wait in it. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

	@Bean
	Outbox outbox(JdbcClient jdbc, OutboxRelay relay, Traceparents traces) {
		return new Outbox(jdbc, KafkaMessagingConfiguration.eventSerializer(), relay, traces);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
			BakerySettings settings, Faults faults, Traceparents traces) {
		return new OutboxRelay(jdbc, transactions, kafka, settings.outbox(), faults, traces);
	}

	/**
	 * {@value Outbox#WAITING_METRIC}: counted when it is read (a scrape, the board), not
	 * kept up to date by the relay. While the database is away it reads NaN.
	 */
	@Bean
	MeterBinder outboxWaiting(Outbox outbox) {
		return (registry) -> Gauge.builder(Outbox.WAITING_METRIC, outbox::waiting)
			.description("Events recorded in the outbox that Kafka has not acknowledged yet")
			.baseUnit("events")
			.register(registry);
	}

}
