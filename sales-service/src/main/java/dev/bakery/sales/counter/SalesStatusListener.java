package dev.bakery.sales.counter;

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
	void on(ConsumerRecord<String, SalesStatusChanged> record) {
		SalesStatusChanged change = record.value();
		this.counter.record(Step.of(record, change.orderId(), OrderStatus.of(change.status()), null, change.at(),
				change.station()));
	}

}
