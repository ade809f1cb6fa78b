package dev.bakery.sales.shelf;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The shelf's Kafka Streams client under {@code /actuator/health} as {@code shelf}, and
 * in the counter's readiness group: up only while it runs, when its interactive queries
 * answer. While it starts, rebalances or restores its stores they answer 503, and it is
 * out of service: not ready, but not dead either (liveness does not include it). Down
 * once it has stopped or failed for good. Spring Boot has no such indicator of its own.
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
		Status status = switch (state) {
			case RUNNING -> Status.UP;
			case CREATED, REBALANCING -> Status.OUT_OF_SERVICE;
			default -> Status.DOWN;
		};
		builder.status(status).withDetail("state", state);
	}

}
