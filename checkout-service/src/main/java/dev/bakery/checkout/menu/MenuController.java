package dev.bakery.checkout.menu;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bakery.events.Menu;
import dev.bakery.events.ProductOffered;

/** What the till sells: what the bake houses offer on {@code bakery.menu}. */
@RestController
@Tag(name = "Menu")
class MenuController {

	private final Menu menu;

	MenuController(Menu menu) {
		this.menu = menu;
	}

	@Operation(summary = "What the till sells",
			description = "Each product a bake house offers on the Kafka topic bakery.menu, with the name an order "
					+ "uses (e.g. BREZEL), its price and its bake time, in the order they were first offered. "
					+ "A product a bake house starts to offer is here a moment later.")
	@GetMapping("/menu")
	List<MenuItem> menu() {
		return this.menu.products().stream().map(MenuItem::of).toList();
	}

	record MenuItem(String product, String name, int priceInCents, long bakeTimeSeconds) {

		static MenuItem of(ProductOffered offer) {
			return new MenuItem(offer.product(), offer.name(), offer.priceInCents(), offer.bakeTimeSeconds());
		}

	}

}
