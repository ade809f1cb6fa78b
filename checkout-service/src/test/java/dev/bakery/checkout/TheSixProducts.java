package dev.bakery.checkout;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.bakery.events.Menu;
import dev.bakery.events.OrderRules;
import dev.bakery.events.ProductOffered;
import dev.bakery.platform.BakerySettings;

/**
 * The menu a bake house offers by default (bakery-service.yml), for the till's tests: as
 * records to write to {@code bakery.menu}, or as beans for a slice test that has no
 * Kafka.
 */
public final class TheSixProducts {

	public static final List<ProductOffered> OFFERS = List.of(offer("BREZEL", "Brezel", 120, 12),
			offer("BROETCHEN", "Brötchen", 45, 8), offer("CROISSANT", "Croissant", 150, 15),
			offer("LAUGENSTANGE", "Laugenstange", 130, 12), offer("ROGGENBROT", "Roggenbrot", 420, 40),
			offer("APFELSTRUDEL", "Apfelstrudel", 350, 30));

	private TheSixProducts() {
	}

	private static ProductOffered offer(String product, String name, int priceInCents, int bakeTimeSeconds) {
		return new ProductOffered(product, name, priceInCents, bakeTimeSeconds, Instant.parse("2026-11-23T06:00:00Z"),
				"bakery-service@test");
	}

	/** The menu and the rules, for a slice test. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class AsBeans {

		@Bean
		Menu menu() {
			return Menu.of(OFFERS);
		}

		@Bean
		OrderRules orderRules(BakerySettings settings) {
			return new OrderRules(settings.longestWork(), settings.timeScale());
		}

	}

}
