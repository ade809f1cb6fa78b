package dev.bakery.packaging.packing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderRules;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.events.WorkTimes;
import dev.bakery.platform.work.StationWork;

/**
 * Packaging. A baked order goes to a free packing station ({@code PACKING}), is packed
 * for its simulated time, and is done ({@code PACKED}); while every station is busy, the
 * baked orders wait in Kafka. The bake house's other news ({@code IN_OVEN}) needs no
 * station.
 */
@Component
class Packing implements StationWork<BakingStatusChanged> {

	private final PackagingSettings settings;

	private final OrderRules rules;

	Packing(PackagingSettings settings, OrderRules rules) {
		this.settings = settings;
		this.rules = rules;
	}

	@Override
	public String stationName() {
		return "packing-station";
	}

	@Override
	public int stations() {
		return this.settings.stations();
	}

	@Override
	public String doneMeter() {
		return "bakery.orders.packed";
	}

	@Override
	public String timeMeter() {
		return "bakery.pack.time";
	}

	@Override
	public String topic() {
		return Topics.PACKAGING_STATUS;
	}

	@Override
	public UUID orderId(BakingStatusChanged change) {
		return change.orderId();
	}

	/** The quantities and lines hold already (the contract's constructors check them). */
	@Override
	public void check(BakingStatusChanged change) {
		this.rules.fitsAPackingStation(change.items()).ifPresent((broken) -> {
			throw broken;
		});
	}

	@Override
	public Optional<Duration> work(BakingStatusChanged change) {
		return (change.status() == BakingStatusChanged.Status.BAKED) ? Optional.of(WorkTimes.packing(change.items()))
				: Optional.empty();
	}

	@Override
	public PackagingStatusChanged started(BakingStatusChanged baked, Instant at, String station) {
		return new PackagingStatusChanged(baked.orderId(), PackagingStatusChanged.Status.PACKING, at, station);
	}

	@Override
	public PackagingStatusChanged finished(BakingStatusChanged baked, Instant at, String station) {
		return new PackagingStatusChanged(baked.orderId(), PackagingStatusChanged.Status.PACKED, at, station);
	}

}
