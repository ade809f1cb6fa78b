package dev.bakery.bakehouse.baking;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;

/**
 * The bake house's ear on {@code bakery.orders}. All instances of the bake house share
 * the consumer group {@code bakery}: Kafka gives each instance its own share of the
 * partitions, so adding instances adds bakers.
 */
@Component
class OrderPlacedListener {

	private final Bakehouse bakehouse;

	OrderPlacedListener(Bakehouse bakehouse) {
		this.bakehouse = bakehouse;
	}

	@KafkaListener(topics = Topics.ORDERS, groupId = "bakery")
	void on(OrderPlaced order) {
		this.bakehouse.accept(order);
	}

}
