package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.events.WorkTimes;
import dev.bakery.platform.work.StationWork;

/**
 * The bake house. An order goes into a free oven ({@code IN_OVEN}), bakes for its
 * simulated time and comes out ({@code BAKED}); while every oven is busy, the orders wait
 * in Kafka. How the ovens are fed from Kafka is the same for every department
 * ({@link dev.bakery.platform.work.Workstations}); this says what baking is.
 */
@Component
class Bakehouse implements StationWork<OrderPlaced> {

	private final BakehouseSettings settings;

	Bakehouse(BakehouseSettings settings) {
		this.settings = settings;
	}

	@Override
	public String stationName() {
		return "oven";
	}

	@Override
	public int stations() {
		return this.settings.ovens();
	}

	@Override
	public String topic() {
		return Topics.BAKING_STATUS;
	}

	@Override
	public UUID orderId(OrderPlaced order) {
		return order.orderId();
	}

	@Override
	public Optional<Duration> work(OrderPlaced order) {
		return Optional.of(WorkTimes.baking(order.items()));
	}

	@Override
	public BakingStatusChanged started(OrderPlaced order, Instant at, String station) {
		return new BakingStatusChanged(order.orderId(), BakingStatusChanged.Status.IN_OVEN, order.items(), at, station);
	}

	@Override
	public BakingStatusChanged finished(OrderPlaced order, Instant at, String station) {
		return new BakingStatusChanged(order.orderId(), BakingStatusChanged.Status.BAKED, order.items(), at, station);
	}

}
