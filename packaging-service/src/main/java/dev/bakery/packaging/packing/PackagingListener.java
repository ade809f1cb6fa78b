package dev.bakery.packaging.packing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.work.Workstations;

/**
 * Packaging's ear on {@code bakery.baking-status}, in its own consumer group
 * {@code packaging}: it reads every event the bake house writes, independently of who
 * else reads them, and packs what is {@code BAKED}, one order per free station.
 */
@Component
class PackagingListener {

	private final Workstations<BakingStatusChanged> stations;

	PackagingListener(Workstations<BakingStatusChanged> stations) {
		this.stations = stations;
	}

	@KafkaListener(topics = Topics.BAKING_STATUS, groupId = "packaging",
			containerFactory = Workstations.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, BakingStatusChanged> change) {
		this.stations.take(change);
	}

}
