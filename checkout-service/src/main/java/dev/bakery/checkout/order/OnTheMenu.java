package dev.bakery.checkout.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.bakery.events.Product;

/** The product must be one the bakery sells. */
@Documented
@Constraint(validatedBy = OnTheMenu.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface OnTheMenu {

	String message() default "is not on the menu";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<OnTheMenu, String> {

		private static final String MENU = Arrays.toString(Product.values());

		@Override
		public boolean isValid(String product, ConstraintValidatorContext context) {
			if (product == null || product.isBlank() || Product.isOnMenu(product)) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			// The template names the menu, never the client's text: templates are
			// interpreted.
			context.buildConstraintViolationWithTemplate("is not on the menu " + MENU).addConstraintViolation();
			return false;
		}

	}

}
