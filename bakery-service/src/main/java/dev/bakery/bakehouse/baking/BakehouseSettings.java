package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bakery.events.Menu;
import dev.bakery.events.ProductOffered;

/**
 * The bake house's equipment and what it can bake, under {@code bakery.bakehouse.*}.
 *
 * @param ovens how many orders one instance bakes at once; the rest wait in Kafka
 * @param menu what this instance can bake, by the product's name on the wire (e.g.
 * {@code BREZEL}): it offers each on {@code bakery.menu} when it starts
 */
@ConfigurationProperties("bakery.bakehouse")
@Validated
public record BakehouseSettings(@DefaultValue("4") @Min(1) @Max(64) int ovens,
		@NotEmpty Map<String, @Valid Recipe> menu) {

	public BakehouseSettings {
		// Keys as on the wire, also when an environment variable gave one in lower case.
		Map<String, Recipe> upperCase = new LinkedHashMap<>();
		if (menu != null) {
			menu.forEach((product, recipe) -> upperCase.put(product.toUpperCase(Locale.ROOT), recipe));
		}
		menu = upperCase;
	}

	/**
	 * @param name its name for people
	 * @param priceInCents what the till asks for it
	 * @param bakeTime how long one tray of it bakes, before the time scale
	 */
	public record Recipe(@NotBlank String name, @Min(0) int priceInCents,
			@NotNull @DurationMin(seconds = 1) Duration bakeTime) {
	}

	/** This instance's menu, as it offers it. */
	Menu offers(Instant at, String station) {
		List<ProductOffered> offers = this.menu.entrySet()
			.stream()
			.map((recipe) -> new ProductOffered(recipe.getKey(), recipe.getValue().name(),
					recipe.getValue().priceInCents(), (int) recipe.getValue().bakeTime().toSeconds(), at, station))
			.toList();
		return Menu.of(offers);
	}

}
