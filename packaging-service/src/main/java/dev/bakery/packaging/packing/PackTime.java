package dev.bakery.packaging.packing;

import java.time.Duration;
import java.util.List;

import dev.bakery.events.OrderLine;

/**
 * How long an order takes to pack: a bag to open, a second per line, and a second per six
 * pieces.
 */
final class PackTime {

	static final Duration BAG = Duration.ofSeconds(2);

	private PackTime() {
	}

	static Duration of(List<OrderLine> items) {
		int pieces = items.stream().mapToInt(OrderLine::quantity).sum();
		return BAG.plusSeconds(items.size()).plusSeconds((pieces + 5) / 6);
	}

}
