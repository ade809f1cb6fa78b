package dev.bakery.packaging.packing;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Topics;

/**
 * Packaging's ear on {@code bakery.baking-status}, in its own consumer group
 * {@code packaging}: it reads every event the bake house writes, independently of who
 * else reads them, and acts on {@code BAKED}.
 */
@Component
class BakingStatusListener {

	private final Packing packing;

	BakingStatusListener(Packing packing) {
		this.packing = packing;
	}

	@KafkaListener(topics = Topics.BAKING_STATUS, groupId = "packaging")
	void on(BakingStatusChanged change) {
		if (change.status() == BakingStatusChanged.Status.BAKED) {
			this.packing.accept(change);
		}
	}

}
