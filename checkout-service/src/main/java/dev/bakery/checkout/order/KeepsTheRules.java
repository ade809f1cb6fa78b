package dev.bakery.checkout.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.bakery.events.Menu;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderRules;
import dev.bakery.events.RuleBroken;

/**
 * The order keeps the rules every order keeps ({@link OrderRules}): the customer's name,
 * the number of lines, each quantity, each product on the menu, and the whole order one
 * station's work within {@code bakery.longest-work}. The departments check the same rules
 * on what they read, so an order the till refuses is one no department would take.
 */
@Documented
@Constraint(validatedBy = KeepsTheRules.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface KeepsTheRules {

	String message() default "breaks a rule every order keeps";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<KeepsTheRules, PlaceOrder> {

		private final OrderRules rules;

		private final Menu menu;

		Validator(OrderRules rules, Menu menu) {
			this.rules = rules;
			this.menu = menu;
		}

		@Override
		public boolean isValid(PlaceOrder order, ConstraintValidatorContext context) {
			if (order == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			boolean valid = true;
			if (order.customer() != null) {
				valid &= report(OrderRules.customer(order.customer()), context, "customer", null, -1);
			}
			if (order.items() == null) {
				// @NotNull says so.
				return valid;
			}
			valid &= report(OrderRules.lines(order.items().size()), context, "items", null, -1);
			List<OrderLine> lines = new ArrayList<>();
			for (int index = 0; index < order.items().size(); index++) {
				PlaceOrder.Line line = order.items().get(index);
				if (line == null || line.product() == null || line.product().isBlank() || line.quantity() == null) {
					// Their own constraints say what is missing.
					continue;
				}
				boolean fine = report(OrderRules.quantity(line.quantity()), context, "items", "quantity", index);
				fine &= report(OrderRules.onTheMenu(line.product(), this.menu), context, "items", "product", index);
				if (fine) {
					lines.add(new OrderLine(line.product(), line.quantity()));
				}
				valid &= fine;
			}
			if (valid && lines.size() == order.items().size()) {
				valid = report(this.rules.fitsAStation(lines, this.menu), context, "items", null, -1);
			}
			return valid;
		}

		/**
		 * Reports a broken rule at {@code items[index].field}, or at a field of the
		 * order.
		 */
		private static boolean report(Optional<RuleBroken> broken, ConstraintValidatorContext context, String field,
				String lineField, int index) {
			if (broken.isEmpty()) {
				return true;
			}
			// Only the rule's words go into the template, never the client's text:
			// templates are interpreted.
			ConstraintValidatorContext.ConstraintViolationBuilder violation = context
				.buildConstraintViolationWithTemplate(escaped(broken.get().complaint()));
			if (lineField == null) {
				violation.addPropertyNode(field).addConstraintViolation();
			}
			else {
				violation.addPropertyNode(field)
					.addPropertyNode(lineField)
					.inIterable()
					.atIndex(index)
					.addConstraintViolation();
			}
			return false;
		}

		private static String escaped(String message) {
			return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
		}

	}

}
