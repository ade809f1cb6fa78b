package dev.bakery.checkout.order;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A customer's order as the till receives it, with the till's limits.
 *
 * @param customer who orders
 * @param items what they order
 */
@FitsAStation
public record PlaceOrder(
		@Schema(example = "Anna") @NotBlank @Size(max = MAX_CUSTOMER_LENGTH) @PlainText String customer,
		@NotEmpty @Size(max = MAX_LINES) List<@Valid @NotNull Line> items) {

	/** The longest customer name the till writes on a bag. */
	public static final int MAX_CUSTOMER_LENGTH = 60;

	/** The most lines one order may have. */
	public static final int MAX_LINES = 20;

	/** The most of one product one line may ask for. */
	public static final int MAX_QUANTITY = 50;

	/**
	 * @param product a product name from the menu, e.g. {@code BREZEL}
	 * @param quantity how many, 1 to {@value #MAX_QUANTITY}
	 */
	public record Line(
			@Schema(example = "BREZEL", description = "A product of GET /menu") @NotBlank @OnTheMenu String product,
			@Schema(example = "3") @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
	}

}
