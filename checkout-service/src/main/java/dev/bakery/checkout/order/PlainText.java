package dev.bakery.checkout.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text as a person types it: no control characters (NUL, line breaks, bells) and no half
 * of a UTF-16 surrogate pair. PostgreSQL cannot store a NUL or an unpaired surrogate in
 * text at all, and a name on a bag has no use for the rest; rejecting them here gives the
 * client a problem naming the field instead of an error from the database.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface PlainText {

	String message() default "must not contain control characters or unpaired surrogates";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PlainText, String> {

		@Override
		public boolean isValid(String text, ConstraintValidatorContext context) {
			if (text == null) {
				return true;
			}
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (Character.isISOControl(c) || Character.isLowSurrogate(c)) {
					return false;
				}
				if (Character.isHighSurrogate(c)) {
					if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
						return false;
					}
					i++;
				}
			}
			return true;
		}

	}

}
