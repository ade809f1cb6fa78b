package dev.bakery.sales.counter;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;

/**
 * The counter reads its own hand-overs back, in its consumer group {@code sales}: the
 * step is already in its table (the hand-over wrote it there, with the event), so this
 * changes nothing, until the table is rebuilt from the log; then it brings the hand-over
 * back with the rest.
 */
@Component
class SalesStatusListener {

	private final Counter counter;

	SalesStatusListener(Counter counter) {
		this.counter = counter;
	}

	@KafkaListener(topics = Topics.SALES_STATUS, groupId = "sales")
	void on(List<ConsumerRecord<String, SalesStatusChanged>> records) {
		this.counter.record(records, SalesStatusListener::step);
	}

	private static Step step(ConsumerRecord<String, SalesStatusChanged> record) {
		SalesStatusChanged change = record.value();
		return Step.of(record, change.orderId(), OrderStatus.of(change.status()), null, change.at(), change.station());
	}

}
