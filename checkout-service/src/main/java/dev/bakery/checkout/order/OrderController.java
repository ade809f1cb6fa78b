package dev.bakery.checkout.order;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The till's counter: customers place orders here and look them up. */
@RestController
@Tag(name = "Orders", description = "Place an order at the till, and read it back")
class OrderController {

	private final Checkout checkout;

	OrderController(Checkout checkout) {
		this.checkout = checkout;
	}

	/**
	 * Places an order. {@code 201 Created} with its {@code Location}; a retry with the
	 * same {@code Idempotency-Key} answers the same way with the original order and
	 * creates nothing new.
	 */
	@Operation(summary = "Place an order",
			description = "The till stores the order and its OrderPlaced event in one transaction; the event goes out "
					+ "on bakery.orders, keyed by the order's id. Products and their bake times: GET /menu.")
	@ApiResponse(responseCode = "201", description = "Taken, status PLACED", headers = {
			@Header(name = "Location", description = "/orders/{orderId}"),
			@Header(name = "Idempotent-Replayed",
					description = "true when a retry with the same Idempotency-Key found the order placed before",
					schema = @Schema(type = "boolean")) })
	@ApiResponse(responseCode = "400", description = "Invalid order",
			content = @Content(examples = { @ExampleObject(name = "Invalid order",
					value = """
							{"title":"Invalid order","status":400,
							 "detail":"The order is not valid: items[0].product is not on the menu [BREZEL, BROETCHEN, CROISSANT, LAUGENSTANGE, ROGGENBROT, APFELSTRUDEL]; items[0].quantity must be between 1 and 50, was 0",
							 "instance":"/orders",
							 "errors":[{"field":"items[0].product","message":"is not on the menu [BREZEL, BROETCHEN, CROISSANT, LAUGENSTANGE, ROGGENBROT, APFELSTRUDEL]"},
							           {"field":"items[0].quantity","message":"must be between 1 and 50, was 0"}]}"""),
					@ExampleObject(name = "Malformed JSON", value = """
							{"title":"Malformed JSON","status":400,
							 "detail":"The body is missing or not valid JSON","instance":"/orders"}""") }))
	@ApiResponse(responseCode = "413", description = "Request too large")
	@ApiResponse(responseCode = "422", description = "Idempotency key reused")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Order> place(@Valid @RequestBody PlaceOrder request,
			@Parameter(description = "Your key for this order, e.g. the receipt number: a retry with the same key "
					+ "and body places nothing new") @RequestHeader(name = "Idempotency-Key",
							required = false) @Size(min = 1, max = 255) String idempotencyKey) {
		Checkout.Placed placed = this.checkout.place(request, idempotencyKey);
		return ResponseEntity.created(URI.create("/orders/" + placed.order().orderId()))
			.header("Idempotent-Replayed", String.valueOf(!placed.isNew()))
			.body(placed.order());
	}

	@Operation(summary = "The till's record of an order",
			description = "Always status PLACED: the till only takes orders. Follow it further at the counter "
					+ "(sales-service), GET /orders/{orderId} there.")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "404", description = "Order not found")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@GetMapping("/orders/{orderId}")
	Order find(@PathVariable UUID orderId) {
		return this.checkout.find(orderId);
	}

}
