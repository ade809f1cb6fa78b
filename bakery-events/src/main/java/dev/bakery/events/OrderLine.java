package dev.bakery.events;

import java.util.Objects;

/**
 * One line of an order: a product and how many of it.
 *
 * @param product what to bake
 * @param quantity how many, at least one
 */
public record OrderLine(Product product, int quantity) {

	public OrderLine {
		Objects.requireNonNull(product, "product");
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
		}
	}

}
