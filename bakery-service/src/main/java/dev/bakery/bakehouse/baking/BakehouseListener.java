package dev.bakery.bakehouse.baking;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.platform.work.Workstations;

/**
 * The bake house's ear on {@code bakery.orders}. All instances of the bake house share
 * the consumer group {@code bakery}: Kafka gives each instance its own share of the
 * partitions, so adding instances adds bakers. Each instance takes an order only when an
 * oven is free.
 */
@Component
class BakehouseListener {

	private final Workstations<OrderPlaced> ovens;

	BakehouseListener(Workstations<OrderPlaced> ovens) {
		this.ovens = ovens;
	}

	@KafkaListener(topics = Topics.ORDERS, groupId = "bakery", containerFactory = Workstations.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, OrderPlaced> order) {
		this.ovens.take(order);
	}

}
