package dev.bakery.sales.shelf;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The shelf's Kafka Streams client under {@code /actuator/health} as {@code shelf}: up
 * while it runs or rebalances, down once it has stopped or failed for good. Spring Boot
 * has no such indicator of its own.
 */
@Component
class ShelfHealthIndicator extends AbstractHealthIndicator {

	private final StreamsBuilderFactoryBean factory;

	ShelfHealthIndicator(StreamsBuilderFactoryBean factory) {
		this.factory = factory;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaStreams streams = this.factory.getKafkaStreams();
		KafkaStreams.State state = (streams != null) ? streams.state() : KafkaStreams.State.CREATED;
		boolean up = state == KafkaStreams.State.CREATED || state.isRunningOrRebalancing();
		(up ? builder.up() : builder.down()).withDetail("state", state);
	}

}
