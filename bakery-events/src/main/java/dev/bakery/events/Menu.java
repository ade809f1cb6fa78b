package dev.bakery.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bakery can make, as its bake houses offered it on {@link Topics#MENU}. The
 * till sells only what is on it, and {@link OrderRules} checks orders against it.
 */
public interface Menu {

	/** The offer of a product, if the menu has it (by its exact name, as on the wire). */
	Optional<ProductOffered> find(String product);

	/** Every product on the menu, in the order they were first offered. */
	List<ProductOffered> products();

	/** The product names, for a message: {@code [BREZEL, BROETCHEN]}. */
	default List<String> names() {
		return products().stream().map(ProductOffered::product).toList();
	}

	/**
	 * A menu of these offers; a later offer of the same product replaces an earlier one.
	 */
	static Menu of(List<ProductOffered> offers) {
		Map<String, ProductOffered> byName = new LinkedHashMap<>();
		offers.forEach((offer) -> byName.put(offer.product(), offer));
		List<ProductOffered> products = List.copyOf(byName.values());
		return new Menu() {

			@Override
			public Optional<ProductOffered> find(String product) {
				return Optional.ofNullable(byName.get(product));
			}

			@Override
			public List<ProductOffered> products() {
				return products;
			}

		};
	}

}
