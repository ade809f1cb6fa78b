package dev.bakery.events;

import java.time.Instant;
import java.util.List;

/** The bakery's six products as its bake house offers them by default, for the tests. */
final class Menus {

	static final Menu SIX = Menu.of(List.of(offer("BREZEL", "Brezel", 120, 12), offer("BROETCHEN", "Brötchen", 45, 8),
			offer("CROISSANT", "Croissant", 150, 15), offer("LAUGENSTANGE", "Laugenstange", 130, 12),
			offer("ROGGENBROT", "Roggenbrot", 420, 40), offer("APFELSTRUDEL", "Apfelstrudel", 350, 30)));

	private Menus() {
	}

	static ProductOffered offer(String product, String name, int priceInCents, int bakeTimeSeconds) {
		return new ProductOffered(product, name, priceInCents, bakeTimeSeconds, Instant.parse("2026-11-23T06:00:00Z"),
				"bakery-service@test");
	}

}
