package dev.bakery.events;

import java.time.Duration;
import java.util.List;

/**
 * How long an order takes at each department's station, before the simulation's time
 * scale. The till needs it as much as the departments: it refuses an order that no
 * station could finish in the time a consumer may spend on one record
 * ({@link OrderRules#fitsAStation}).
 */
public final class WorkTimes {

	/** How many pieces of one product fit on a tray. */
	public static final int TRAY_SIZE = 12;

	/** Opening a bag, the least any order takes to pack. */
	public static final Duration BAG = Duration.ofSeconds(2);

	private WorkTimes() {
	}

	/**
	 * Baking: each line needs as many trays as its quantity fills, and one order's trays
	 * go through its oven one after another, each for its product's bake time on the
	 * menu.
	 * @throws RuleBroken if a product is not on the menu
	 */
	public static Duration baking(List<OrderLine> items, Menu menu) {
		Duration total = Duration.ZERO;
		for (OrderLine line : items) {
			ProductOffered product = menu.find(line.product())
				.orElseThrow(() -> OrderRules.onTheMenu(line.product(), menu).orElseThrow());
			int trays = (line.quantity() + TRAY_SIZE - 1) / TRAY_SIZE;
			total = total.plus(Duration.ofSeconds(product.bakeTimeSeconds()).multipliedBy(trays));
		}
		return total;
	}

	/** Packing: a bag to open, a second per line, and a second per six pieces. */
	public static Duration packing(List<OrderLine> items) {
		int pieces = items.stream().mapToInt(OrderLine::quantity).sum();
		return BAG.plusSeconds(items.size()).plusSeconds((pieces + 5) / 6);
	}

}
