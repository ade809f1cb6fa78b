package dev.bakery.checkout.menu;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.bakery.checkout.CheckoutApplication;
import dev.bakery.checkout.TheSixProducts;
import dev.bakery.checkout.order.CheckoutSettings;
import dev.bakery.platform.BakerySettings;

import static org.assertj.core.api.Assertions.assertThat;

/** What the till's menu shows a customer: what the bake houses offer. */
@WebMvcTest(controllers = MenuController.class, properties = CheckoutApplication.CONFIG_NAME)
// The till's body size limit applies to every controller, so the slice needs its
// settings.
@EnableConfigurationProperties({ CheckoutSettings.class, BakerySettings.class })
@Import(TheSixProducts.AsBeans.class)
class MenuControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void listsEveryProductOnTheMenu() {
		assertThat(this.mvc.get().uri("/menu")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$[*].product")
			.asArray()
			.containsExactly("BREZEL", "BROETCHEN", "CROISSANT", "LAUGENSTANGE", "ROGGENBROT", "APFELSTRUDEL");
	}

	@Test
	void showsEachProductWithItsNamePriceAndBakeTime() {
		assertThat(this.mvc.get().uri("/menu")).bodyJson().isLenientlyEqualTo("""
				[{"product":"BREZEL","name":"Brezel","priceInCents":120,"bakeTimeSeconds":12},
				 {"product":"BROETCHEN","name":"Brötchen","priceInCents":45,"bakeTimeSeconds":8},
				 {"product":"CROISSANT","name":"Croissant","priceInCents":150,"bakeTimeSeconds":15},
				 {"product":"LAUGENSTANGE","name":"Laugenstange","priceInCents":130,"bakeTimeSeconds":12},
				 {"product":"ROGGENBROT","name":"Roggenbrot","priceInCents":420,"bakeTimeSeconds":40},
				 {"product":"APFELSTRUDEL","name":"Apfelstrudel","priceInCents":350,"bakeTimeSeconds":30}]""");
	}

}
