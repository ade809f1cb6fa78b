package dev.bakery.platform.outbox;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
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

/** The outbox, its relay, its clean-up, and the gauge of the events that wait in it. */
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

	@Bean
	OutboxCleanup outboxCleanup(JdbcClient jdbc, BakerySettings settings) {
		return new OutboxCleanup(jdbc, settings.outbox());
	}

	/**
	 * {@value Outbox#WAITING_METRIC} and {@value Outbox#OLDEST_WAITING_METRIC}: asked of
	 * the table when they are read (a scrape, the board), not kept up to date by the
	 * relay. While the database is away they read NaN. Only with the own relay: a
	 * department cannot tell which rows Debezium has sent (the replication slot's lag in
	 * PostgreSQL tells).
	 */
	@Bean
	MeterBinder outboxWaiting(Outbox outbox, BakerySettings settings) {
		return (registry) -> {
			if (settings.outbox().relay() != BakerySettings.Relay.OWN) {
				return;
			}
			Gauge.builder(Outbox.WAITING_METRIC, outbox::waiting)
				.description("Events recorded in the outbox that Kafka has not acknowledged yet")
				.baseUnit("events")
				.register(registry);
			TimeGauge
				.builder(Outbox.OLDEST_WAITING_METRIC, outbox, TimeUnit.MILLISECONDS,
						(waiting) -> waiting.oldestWaiting().toMillis())
				.description("How long the oldest event in the outbox has waited for Kafka; zero while none waits")
				.register(registry);
		};
	}

}
