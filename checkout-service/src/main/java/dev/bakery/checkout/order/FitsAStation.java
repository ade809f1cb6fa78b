package dev.bakery.checkout.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.bakery.events.OrderLine;
import dev.bakery.events.Product;
import dev.bakery.events.WorkTimes;
import dev.bakery.platform.BakerySettings;

/**
 * The order must be one that the bake house and packaging can each finish at one station
 * within {@code bakery.longest-work}: a department that stops finishes what is at its
 * stations first (its partitions go to other members at once) and waits that long for
 * them; longer work would be cut off, and finished by another member only once overdue.
 */
@Documented
@Constraint(validatedBy = FitsAStation.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface FitsAStation {

	String message() default "takes longer than one station may work on an order";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<FitsAStation, PlaceOrder> {

		private final BakerySettings settings;

		Validator(BakerySettings settings) {
			this.settings = settings;
		}

		@Override
		public boolean isValid(PlaceOrder order, ConstraintValidatorContext context) {
			if (order == null || order.items() == null || order.items().stream().anyMatch(Validator::isUnreadable)) {
				// The lines' own constraints say what is wrong with them.
				return true;
			}
			List<OrderLine> lines = order.items()
				.stream()
				.map((line) -> new OrderLine(Product.valueOf(line.product()), line.quantity()))
				.toList();
			Duration baking = this.settings.scaled(WorkTimes.baking(lines));
			Duration packing = this.settings.scaled(WorkTimes.packing(lines));
			Duration limit = this.settings.longestWork();
			if (baking.compareTo(limit) <= 0 && packing.compareTo(limit) <= 0) {
				return true;
			}
			String where = (baking.compareTo(limit) > 0) ? "would bake for " + readable(baking)
					: "would take " + readable(packing) + " to pack";
			context.disableDefaultConstraintViolation();
			// Only numbers of our own go into the template: templates are interpreted.
			context
				.buildConstraintViolationWithTemplate(
						where + " at time scale " + this.settings.timeScale() + ", longer than the " + readable(limit)
								+ " one station may work on an order" + " (bakery.longest-work)")
				.addPropertyNode("items")
				.addConstraintViolation();
			return false;
		}

		private static boolean isUnreadable(PlaceOrder.Line line) {
			return line == null || line.quantity() == null || line.quantity() < 1
					|| line.quantity() > PlaceOrder.MAX_QUANTITY
					|| !Product.isOnMenu(Objects.toString(line.product(), ""));
		}

		private static String readable(Duration duration) {
			return duration.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
		}

	}

}
