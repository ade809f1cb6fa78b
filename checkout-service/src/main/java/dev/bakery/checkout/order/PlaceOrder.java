package dev.bakery.checkout.order;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.bakery.events.OrderRules;

/**
 * A customer's order as the till receives it. What must be there is checked here; what
 * the values must be is checked by the rules every order keeps ({@link OrderRules}, the
 * same the departments check), through {@link KeepsTheRules}.
 *
 * @param customer who orders
 * @param items what they order
 */
@KeepsTheRules
public record PlaceOrder(
		@Schema(example = "Anna", minLength = 1, maxLength = OrderRules.MAX_CUSTOMER_LENGTH) @NotNull String customer,
		@ArraySchema(minItems = 1, maxItems = OrderRules.MAX_LINES) @NotNull List<@Valid @NotNull Line> items) {

	/**
	 * @param product a product name from the menu, e.g. {@code BREZEL}
	 * @param quantity how many, 1 to {@value OrderRules#MAX_QUANTITY}
	 */
	public record Line(@Schema(example = "BREZEL", description = "A product of GET /menu") @NotBlank String product,
			@Schema(example = "3", minimum = "1", maximum = "" + OrderRules.MAX_QUANTITY) @NotNull Integer quantity) {
	}

}
