package dev.bakery.sales.counter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The counter's batch listeners, as Boot's container factory makes them, with one span
 * per record of a batch: spring-kafka observes a batch listener not at all by default
 * (one observation cannot stand for records of many traces). Each record's span is a
 * child of the span that sent it, and marks when the counter received it; the batch's
 * transaction records them all.
 * <p>
 * And the counter reads records written in transactions (the shelf's, Debezium's
 * exactly-once relay): once it has read a partition's last record it commits past the
 * transaction's commit marker, or the marker would stay as a lag of 1 for ever and the
 * board would never see the counter caught up.
 */
@Configuration(proxyBeanMethods = false)
class CounterListenersConfiguration {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> counterListeners() {
		return (container) -> {
			container.getContainerProperties().setRecordObservationsInBatch(true);
			container.getContainerProperties().setFixTxOffsets(true);
		};
	}

}
