package dev.bakery.checkout.menu;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bakery.events.Product;

/** What the till sells. */
@RestController
@Tag(name = "Menu")
class MenuController {

	@Operation(summary = "What the till sells",
			description = "Each product with the name an order uses (e.g. BREZEL), its price and its bake time.")
	@GetMapping("/menu")
	List<MenuItem> menu() {
		return Arrays.stream(Product.values()).map(MenuItem::of).toList();
	}

	record MenuItem(String product, String name, int priceInCents, long bakeTimeSeconds) {

		static MenuItem of(Product product) {
			return new MenuItem(product.name(), product.displayName(), product.priceInCents(),
					product.bakeTime().toSeconds());
		}

	}

}
