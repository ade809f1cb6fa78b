package dev.bakery.sales.counter;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;

/** The counter learns of new orders, in its own consumer group {@code sales}. */
@Component
class OrderPlacedListener {

	private final Counter counter;

	OrderPlacedListener(Counter counter) {
		this.counter = counter;
	}

	@KafkaListener(topics = Topics.ORDERS, groupId = "sales")
	void on(List<ConsumerRecord<String, OrderPlaced>> records) {
		this.counter.record(records, OrderPlacedListener::step);
	}

	private static Step step(ConsumerRecord<String, OrderPlaced> record) {
		OrderPlaced order = record.value();
		return Step.of(record, order.orderId(), OrderStatus.PLACED, order.customer(), order.placedAt(), "till");
	}

}
