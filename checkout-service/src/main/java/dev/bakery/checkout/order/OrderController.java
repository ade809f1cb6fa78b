package dev.bakery.checkout.order;

import java.net.URI;
import java.util.UUID;

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
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Order> place(@Valid @RequestBody PlaceOrder request, @RequestHeader(name = "Idempotency-Key",
			required = false) @Size(min = 1, max = 255) String idempotencyKey) {
		Checkout.Placed placed = this.checkout.place(request, idempotencyKey);
		return ResponseEntity.created(URI.create("/orders/" + placed.order().orderId()))
			.header("Idempotent-Replayed", String.valueOf(!placed.isNew()))
			.body(placed.order());
	}

	@GetMapping("/orders/{orderId}")
	Order find(@PathVariable UUID orderId) {
		return this.checkout.find(orderId);
	}

}
