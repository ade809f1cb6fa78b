package dev.bakery.checkout.menu;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.bakery.events.Menu;
import dev.bakery.events.Topics;

/**
 * The till can sell only what a bake house offers: until one has offered a product on
 * {@code bakery.menu}, it is not ready to take orders, and says so.
 */
@Component("menu")
class MenuHealthIndicator extends AbstractHealthIndicator {

	private final Menu menu;

	MenuHealthIndicator(Menu menu) {
		this.menu = menu;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		if (this.menu.products().isEmpty()) {
			health.down().withDetail("reason", "no bake house has offered a product on " + Topics.MENU + " yet");
		}
		else {
			health.up().withDetail("products", this.menu.names());
		}
	}

}
