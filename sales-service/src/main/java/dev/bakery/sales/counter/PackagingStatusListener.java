package dev.bakery.sales.counter;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;

/**
 * The counter follows packaging, in its own consumer group {@code sales}: a packed order
 * is ready for pickup.
 */
@Component
class PackagingStatusListener {

	private final Counter counter;

	PackagingStatusListener(Counter counter) {
		this.counter = counter;
	}

	@KafkaListener(topics = Topics.PACKAGING_STATUS, groupId = "sales")
	void on(List<ConsumerRecord<String, PackagingStatusChanged>> records) {
		this.counter.record(records, PackagingStatusListener::step);
	}

	private static Step step(ConsumerRecord<String, PackagingStatusChanged> record) {
		PackagingStatusChanged change = record.value();
		return Step.of(record, change.orderId(), OrderStatus.of(change.status()), null, change.at(), change.station());
	}

}
