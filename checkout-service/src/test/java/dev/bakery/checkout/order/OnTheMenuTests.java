package dev.bakery.checkout.order;

import java.util.Arrays;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bakery.events.Product;

import static org.assertj.core.api.Assertions.assertThat;

/** The till takes orders only for what the bakery sells, named exactly as on the menu. */
class OnTheMenuTests {

	private static final String MENU = Arrays.toString(Product.values());

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void buildValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@ParameterizedTest
	@EnumSource(Product.class)
	void acceptsEveryProductOnTheMenu(Product product) {
		assertThat(Product.isOnMenu(product.name())).isTrue();
		assertThat(validator.validate(new PlaceOrder.Line(product.name(), 1))).isEmpty();
	}

	@Test
	void rejectsAProductTheBakeryDoesNotSellAndNamesTheMenu() {
		Set<ConstraintViolation<PlaceOrder.Line>> violations = validator.validate(new PlaceOrder.Line("PIZZA", 1));

		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.getPropertyPath()).hasToString("product");
			assertThat(violation.getMessage()).isEqualTo("is not on the menu " + MENU);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "brezel", "Brezel", " BREZEL", "BREZEL ", "Brötchen", "BROETCHEN,BREZEL" })
	void knowsProductsOnlyByTheirExactName(String product) {
		assertThat(Product.isOnMenu(product)).isFalse();
		assertThat(validator.validate(new PlaceOrder.Line(product, 1))).singleElement()
			.satisfies((violation) -> assertThat(violation.getMessage()).startsWith("is not on the menu"));
	}

	@Test
	void neverInterpretsTheClientsTextAsAMessageTemplate() {
		// Bean Validation interprets {...} and ${...} in message templates; a client's
		// text must never get there.
		for (String product : new String[] { "${1+1}", "{jakarta.validation.constraints.NotBlank.message}" }) {
			assertThat(validator.validate(new PlaceOrder.Line(product, 1))).singleElement()
				.satisfies((violation) -> assertThat(violation.getMessage()).isEqualTo("is not on the menu " + MENU));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void leavesAMissingProductToNotBlank(String product) {
		assertOnlyNotBlankComplainsAbout(new PlaceOrder.Line(product, 1));
		assertOnlyNotBlankComplainsAbout(new PlaceOrder.Line(null, 1));
	}

	private static void assertOnlyNotBlankComplainsAbout(PlaceOrder.Line line) {
		assertThat(validator.validate(line)).singleElement()
			.satisfies((violation) -> assertThat(violation.getConstraintDescriptor().getAnnotation())
				.isInstanceOf(NotBlank.class));
	}

}
