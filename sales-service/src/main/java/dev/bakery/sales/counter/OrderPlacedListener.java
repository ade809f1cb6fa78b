package dev.bakery.sales.counter;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.Menu;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.Topics;

/**
 * The counter learns of new orders, in its own consumer group {@code sales}. It checks
 * each order as the till would: an order that breaks a rule (a product on no menu, say)
 * is dead-lettered, not shown as placed, since no bake house will ever take it.
 */
@Component
class OrderPlacedListener {

	private final Counter counter;

	private final OrderRules rules;

	private final Menu menu;

	OrderPlacedListener(Counter counter, OrderRules rules, Menu menu) {
		this.counter = counter;
		this.rules = rules;
		this.menu = menu;
	}

	@KafkaListener(topics = Topics.ORDERS, groupId = "sales")
	void on(List<ConsumerRecord<String, OrderPlaced>> records) {
		this.counter.record(records, this::step);
	}

	private Step step(ConsumerRecord<String, OrderPlaced> record) {
		OrderPlaced order = record.value();
		this.rules.check(order, this.menu);
		return Step.of(record, order.orderId(), OrderStatus.PLACED, order.customer(), order.placedAt(), "till");
	}

}
