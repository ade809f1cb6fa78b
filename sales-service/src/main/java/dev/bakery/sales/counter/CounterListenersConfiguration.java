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
 */
@Configuration(proxyBeanMethods = false)
class CounterListenersConfiguration {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> oneSpanPerRecord() {
		return (container) -> container.getContainerProperties().setRecordObservationsInBatch(true);
	}

}
