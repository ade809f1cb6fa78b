package dev.bakery.events;

import java.util.Objects;

/**
 * One line of an order: a product and how many of it.
 *
 * @param product what to bake, by its name on the {@link Menu}, e.g. {@code BREZEL}
 * @param quantity how many, 1 to {@value OrderRules#MAX_QUANTITY}
 */
public record OrderLine(String product, int quantity) {

	public OrderLine {
		Objects.requireNonNull(product, "product");
		if (product.isBlank()) {
			throw new IllegalArgumentException("a line names a product");
		}
		OrderRules.quantity(quantity).ifPresent((broken) -> {
			throw broken;
		});
	}

}
