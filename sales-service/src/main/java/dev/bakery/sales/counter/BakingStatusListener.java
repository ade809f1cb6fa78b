package dev.bakery.sales.counter;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Topics;

/** The counter follows the bake house, in its own consumer group {@code sales}. */
@Component
class BakingStatusListener {

	private final Counter counter;

	BakingStatusListener(Counter counter) {
		this.counter = counter;
	}

	@KafkaListener(topics = Topics.BAKING_STATUS, groupId = "sales")
	void on(List<ConsumerRecord<String, BakingStatusChanged>> records) {
		this.counter.record(records, BakingStatusListener::step);
	}

	private static Step step(ConsumerRecord<String, BakingStatusChanged> record) {
		BakingStatusChanged change = record.value();
		return Step.of(record, change.orderId(), OrderStatus.of(change.status()), null, change.at(), change.station());
	}

}
