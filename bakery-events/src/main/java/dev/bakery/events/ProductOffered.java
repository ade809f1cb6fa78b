package dev.bakery.events;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bake house can bake this product, and the till may sell it. Published to the
 * compacted {@link Topics#MENU} with the product as key: the topic is the bakery's menu,
 * the latest offer of each product.
 *
 * @param product the name orders use, e.g. {@code BREZEL}: upper-case letters, digits and
 * underscores
 * @param name its name for people, e.g. {@code Brezel}
 * @param priceInCents what it costs
 * @param bakeTimeSeconds how long one tray of it bakes, before the simulation's time
 * scale
 * @param at when it was offered
 * @param station which bake-house instance offered it
 */
public record ProductOffered(String product, String name, int priceInCents, int bakeTimeSeconds, Instant at,
		String station) {

	/** What a product's name looks like. */
	public static final String PRODUCT_NAME = "^[A-Z][A-Z0-9_]{0,39}$";

	private static final Pattern PRODUCT = Pattern.compile(PRODUCT_NAME);

	public ProductOffered {
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(station, "station");
		if (!PRODUCT.matcher(product).matches()) {
			throw new IllegalArgumentException(
					"product must be upper-case letters, digits and underscores, at most 40, was " + product);
		}
		if (name.isBlank() || priceInCents < 0 || bakeTimeSeconds < 1) {
			throw new IllegalArgumentException(
					"a product needs a name, a price of at least 0 and a bake time of at least 1 s: " + product);
		}
	}

}
