package dev.bakery.checkout.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MvcTestResultAssert;

import dev.bakery.checkout.CheckoutApplication;
import dev.bakery.checkout.TheSixProducts;
import dev.bakery.events.Menu;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderRules;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.menu.MenuNotRead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The till's HTTP contract, without Kafka or a database: what a client sends, what it
 * gets back. {@link Checkout} is replaced here only because this slice is about the web
 * layer; the integration tests use the real one.
 */
@WebMvcTest(controllers = OrderController.class,
		properties = { CheckoutApplication.CONFIG_NAME, "bakery.time-scale=0.2", "bakery.longest-work=5m" })
@EnableConfigurationProperties({ CheckoutSettings.class, BakerySettings.class })
@Import({ OrderJson.class, TheSixProducts.AsBeans.class })
class OrderControllerTests {

	private static final String ANNAS_ORDER = """
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Checkout checkout;

	@MockitoSpyBean
	private Menu menu;

	@Test
	void placesAnOrderAndAnswersCreatedWithItsLocation() {
		Order order = annasOrder();
		given(this.checkout.place(any(), isNull())).willReturn(new Checkout.Placed(order, true));

		assertThat(post(ANNAS_ORDER)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/orders/" + order.orderId())
			.hasHeader("Idempotent-Replayed", "false")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"orderId":"%s","status":"PLACED","customer":"Anna",
					 "items":[{"product":"BREZEL","quantity":3}]}""".formatted(order.orderId()));
		verify(this.checkout).place(new PlaceOrder("Anna", List.of(new PlaceOrder.Line("BREZEL", 3))), null);
	}

	@Test
	void handsTheIdempotencyKeyToTheCheckoutAndSaysWhenAnAnswerIsReplayed() {
		Order order = annasOrder();
		given(this.checkout.place(any(), any())).willReturn(new Checkout.Placed(order, false));

		assertThat(this.mvc.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "till-1-receipt-42")
			.content(ANNAS_ORDER)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/orders/" + order.orderId())
			.hasHeader("Idempotent-Replayed", "true");
		verify(this.checkout).place(any(), eq("till-1-receipt-42"));
	}

	@Test
	void acceptsAnOrderRightAtTheTillsLimits() {
		given(this.checkout.place(any(), any())).willReturn(new Checkout.Placed(annasOrder(), true));
		String lines = IntStream.range(0, OrderRules.MAX_LINES)
			.mapToObj((i) -> "{\"product\":\"BROETCHEN\",\"quantity\":" + OrderRules.MAX_QUANTITY + "}")
			.collect(Collectors.joining(","));

		assertThat(post("""
				{"customer":"%s","items":[%s]}""".formatted("A".repeat(OrderRules.MAX_CUSTOMER_LENGTH), lines)))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void rejectsAnOrderNoOvenCouldBakeWithinTheLongestWorkAStationMayTake() {
		// 20 lines of 50 rye breads: 100 trays of 40 s, 13 min 20 s at time scale 0.2.
		String lines = IntStream.range(0, OrderRules.MAX_LINES)
			.mapToObj((i) -> "{\"product\":\"ROGGENBROT\",\"quantity\":" + OrderRules.MAX_QUANTITY + "}")
			.collect(Collectors.joining(","));

		assertInvalid(post("""
				{"customer":"Anna","items":[%s]}""".formatted(lines)), "items").bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.isEqualTo("would bake for 13m20s at time scale 0.2, longer than the 5m one station may work on an order"
					+ " (bakery.longest-work)");
	}

	@Test
	void answersIdempotencyKeyReusedForAnotherOrderWithUnprocessableContent() {
		given(this.checkout.place(any(), any())).willThrow(new IdempotencyKeyReused("receipt-42"));

		assertThat(this.mvc.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "receipt-42")
			.content(ANNAS_ORDER)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":422,"title":"Idempotency key reused","idempotencyKey":"receipt-42"}""");
	}

	@Test
	void findsAnOrderById() {
		Order order = annasOrder();
		given(this.checkout.find(order.orderId())).willReturn(order);

		assertThat(this.mvc.get().uri("/orders/{id}", order.orderId())).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"orderId":"%s","status":"PLACED","customer":"Anna","placedAt":"2026-11-23T07:30:00Z",
				 "items":[{"product":"BREZEL","quantity":3}]}""".formatted(order.orderId()));
	}

	@Test
	void answersAnUnknownOrderWithNotFoundProblem() {
		UUID unknown = UUID.randomUUID();
		given(this.checkout.find(unknown)).willThrow(new OrderNotFound(unknown));

		assertThat(this.mvc.get().uri("/orders/{id}", unknown)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":404,"title":"Order not found","detail":"The till has no order %s","orderId":"%s"}"""
				.formatted(unknown, unknown));
	}

	@Test
	void answersAnOrderIdThatIsNoUuidWithBadRequestProblem() {
		assertThat(this.mvc.get().uri("/orders/{id}", "yesterdays-brezel")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.checkout);
	}

	// Each bad request the till refuses: the status, a problem body that names the field,
	// and no order placed.

	@Test
	void rejectsMalformedJson() {
		assertMalformed(post("{\"customer\":\"Anna\",\"items\":["));
	}

	@Test
	void rejectsAnEmptyBody() {
		assertThat(post("")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":400,"title":"Malformed JSON","detail":"The body is missing or not valid JSON"}""");
		verifyNoInteractions(this.checkout);
	}

	@Test
	void rejectsQuantityOfTheWrongType() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL","quantity":"three"}]}"""), "items[0].quantity");
	}

	/** Nothing is coerced, rounded or dropped into an order the customer did not send. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3.7}]}   | items[0].quantity
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3.0}]}   | items[0].quantity
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":"3"}]}   | items[0].quantity
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":true}]}  | items[0].quantity
			{"customer":42,"items":[{"product":"BREZEL","quantity":3}]}         | customer
			{"customer":false,"items":[{"product":"BREZEL","quantity":3}]}      | customer
			{"customer":"Anna","items":[{"product":7,"quantity":3}]}            | items[0].product
			""")
	void takesNoValueItWouldHaveToConvert(String body, String field) {
		assertInvalid(post(body), field);
	}

	@Test
	void rejectsAFieldAnOrderDoesNotHave() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}],"note":"ring twice"}"""), "note")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors":[{"field":"note","message":"is not a field of an order"}]}""");
	}

	@Test
	void rejectsAFieldGivenTwice() {
		assertMalformed(post("""
				{"customer":"Anna","customer":"Ben","items":[{"product":"BREZEL","quantity":3}]}"""));
	}

	@Test
	void rejectsAnythingAfterTheOrder() {
		assertThat(post(ANNAS_ORDER + " {}")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.checkout);
	}

	@Test
	void rejectsItemsOfTheWrongType() {
		assertInvalid(post("""
				{"customer":"Anna","items":"BREZEL"}"""), "items");
	}

	@Test
	void rejectsOrderWithoutCustomer() {
		assertInvalid(post("""
				{"items":[{"product":"BREZEL","quantity":3}]}"""), "customer");
	}

	@Test
	void rejectsBlankCustomer() {
		assertInvalid(post("""
				{"customer":"   ","items":[{"product":"BREZEL","quantity":3}]}"""), "customer");
	}

	@Test
	void rejectsCustomerNameLongerThanTheBagHasRoomFor() {
		assertInvalid(post("""
				{"customer":"%s","items":[{"product":"BREZEL","quantity":3}]}"""
			.formatted("A".repeat(OrderRules.MAX_CUSTOMER_LENGTH + 1))), "customer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "A\\u0000B", "A\\u0007B", "A\\nB", "A\\u009fB", "A\\ud800B", "A\\udc00B", "A\\ud83e" })
	void rejectsCustomerWithTextThatIsNotPlain(String customer) {
		assertInvalid(post("""
				{"customer":"%s","items":[{"product":"BREZEL","quantity":3}]}""".formatted(customer)), "customer")
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.isEqualTo("must not contain control characters or unpaired surrogates");
	}

	@Test
	void acceptsCustomerWithCharactersOutsideTheBasicPlane() {
		given(this.checkout.place(any(), any())).willReturn(new Checkout.Placed(annasOrder(), true));

		assertThat(post("""
				{"customer":"Anna \\ud83e\\udd68","items":[{"product":"BREZEL","quantity":3}]}"""))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void rejectsOrderWithoutItems() {
		assertInvalid(post("""
				{"customer":"Anna"}"""), "items");
	}

	@Test
	void rejectsOrderWithEmptyItems() {
		assertInvalid(post("""
				{"customer":"Anna","items":[]}"""), "items");
	}

	@Test
	void rejectsMoreLinesThanTheTillTakes() {
		String lines = IntStream.range(0, OrderRules.MAX_LINES + 1)
			.mapToObj((i) -> "{\"product\":\"BREZEL\",\"quantity\":1}")
			.collect(Collectors.joining(","));
		assertInvalid(post("""
				{"customer":"Anna","items":[%s]}""".formatted(lines)), "items");
	}

	@Test
	void rejectsLineWithoutProduct() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"quantity":3}]}"""), "items[0].product");
	}

	@Test
	void rejectsProductNotOnTheMenu() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL","quantity":1},{"product":"PIZZA","quantity":3}]}"""),
				"items[1].product")
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.startsWith("is not on the menu")
			.contains("BREZEL")
			.doesNotContain("PIZZA");
	}

	@Test
	void answersServiceUnavailableWhenTheMenuCannotBeReadToTellAProduct() {
		willThrow(new MenuNotRead("PIZZA", Duration.ofSeconds(5))).given(this.menu).find("PIZZA");

		assertThat(post("""
				{"customer":"Anna","items":[{"product":"PIZZA","quantity":3}]}"""))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Menu unavailable");
		verifyNoInteractions(this.checkout);
	}

	@Test
	void rejectsLineWithoutQuantity() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL"}]}"""), "items[0].quantity");
	}

	@Test
	void rejectsQuantityZero() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL","quantity":0}]}"""), "items[0].quantity");
	}

	@Test
	void rejectsQuantityAboveTheLimit() {
		assertInvalid(post("""
				{"customer":"Anna","items":[{"product":"BREZEL","quantity":%d}]}"""
			.formatted(OrderRules.MAX_QUANTITY + 1)), "items[0].quantity");
	}

	@Test
	void rejectsBodyLargerThanSixteenKilobytes() {
		String padded = ANNAS_ORDER + " ".repeat(16 * 1024);
		assertThat(post(padded)).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":413,"title":"Request too large"}""");
		verifyNoInteractions(this.checkout);
	}

	@Test
	void rejectsBodyThatIsNotJson() {
		assertThat(this.mvc.post().uri("/orders").contentType(MediaType.TEXT_PLAIN).content("3 Brezeln for Anna"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":415}""");
		verifyNoInteractions(this.checkout);
	}

	@Test
	void rejectsIdempotencyKeyLongerThan255Characters() {
		assertThat(this.mvc.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "k".repeat(256))
			.content(ANNAS_ORDER)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":400,"title":"Invalid request","errors":[{"field":"Idempotency-Key"}]}""");
		verifyNoInteractions(this.checkout);
	}

	private MvcTestResult post(String json) {
		return this.mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	/**
	 * A 400 problem whose only error names this field; the checkout never saw the order.
	 */
	private void assertMalformed(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":400,"title":"Malformed JSON"}""");
		verifyNoInteractions(this.checkout);
	}

	private MvcTestResultAssert assertInvalid(MvcTestResult result, String field) {
		verifyNoInteractions(this.checkout);
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":400,"title":"Invalid order","errors":[{"field":"%s"}]}""".formatted(field));
		return assertThat(result);
	}

	private static Order annasOrder() {
		return new Order(UUID.randomUUID(), "Anna", List.of(new OrderLine("BREZEL", 3)), Order.PLACED,
				Instant.parse("2026-11-23T07:30:00Z"));
	}

}
