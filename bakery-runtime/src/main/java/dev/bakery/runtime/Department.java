package dev.bakery.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The four departments, in the order an order passes them. Each has one name in code,
 * database and docs (its {@link #stem}: checkout, bakehouse, packaging, sales) beside two
 * fixed points that keep older names: its module ({@code bakery-service}), which is also
 * its process and application name, and the bake house's consumer group, {@code bakery}.
 */
public enum Department {

	CHECKOUT("checkout-service", "the till"),

	BAKEHOUSE("bakery-service", "the bake house"),

	PACKAGING("packaging-service", "packaging"),

	SALES("sales-service", "the counter");

	private final String module;

	private final String role;

	Department(String module, String role) {
		this.module = module;
		this.role = role;
	}

	/** The module, its jar and the process's name: {@code bakery-service}. */
	public String module() {
		return this.module;
	}

	/** What the docs call it: {@code the bake house}. */
	public String role() {
		return this.role;
	}

	/** Its name in the site's facts: {@code BAKEHOUSE} in {@code BAKEHOUSE_PORT}. */
	String stem() {
		return name();
	}

	/**
	 * By module name ({@code bakery-service}) or what a learner types ({@code bakery},
	 * {@code bakehouse}).
	 */
	public static Optional<Department> named(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((department) -> department.module.equals(lower) || department.module.equals(lower + "-service")
					|| department.name().toLowerCase(Locale.ROOT).equals(lower))
			.findFirst();
	}

}
