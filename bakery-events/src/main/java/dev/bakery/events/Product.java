package dev.bakery.events;

import java.time.Duration;

/**
 * The bakery's menu. Checkout takes orders for these products only; the bake house knows
 * how long each one bakes.
 */
public enum Product {

	BREZEL("Brezel", 120, Duration.ofSeconds(12)),

	BROETCHEN("Brötchen", 45, Duration.ofSeconds(8)),

	CROISSANT("Croissant", 150, Duration.ofSeconds(15)),

	LAUGENSTANGE("Laugenstange", 130, Duration.ofSeconds(12)),

	ROGGENBROT("Roggenbrot", 420, Duration.ofSeconds(40)),

	APFELSTRUDEL("Apfelstrudel", 350, Duration.ofSeconds(30));

	private final String displayName;

	private final int priceInCents;

	private final Duration bakeTime;

	Product(String displayName, int priceInCents, Duration bakeTime) {
		this.displayName = displayName;
		this.priceInCents = priceInCents;
		this.bakeTime = bakeTime;
	}

	public String displayName() {
		return this.displayName;
	}

	public int priceInCents() {
		return this.priceInCents;
	}

	/**
	 * How long one tray of this product stays in the oven, before the simulation's time
	 * scale.
	 */
	public Duration bakeTime() {
		return this.bakeTime;
	}

	/**
	 * Whether the menu has a product of this name (exact, upper case, as on the wire).
	 */
	public static boolean isOnMenu(String name) {
		for (Product product : values()) {
			if (product.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

}
