package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.util.List;

import dev.bakery.events.OrderLine;

/**
 * How long an order bakes: each line needs as many trays as its quantity fills, and one
 * order's trays go through its oven one after another, each for its product's bake time.
 */
final class BakeTime {

	private BakeTime() {
	}

	static Duration of(List<OrderLine> items, int traySize) {
		Duration total = Duration.ZERO;
		for (OrderLine line : items) {
			int trays = (line.quantity() + traySize - 1) / traySize;
			total = total.plus(line.product().bakeTime().multipliedBy(trays));
		}
		return total;
	}

}
