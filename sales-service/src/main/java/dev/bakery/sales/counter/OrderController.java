package dev.bakery.sales.counter;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The counter's window: customers look up their orders and pick them up here. The
 * constraints on the parameters are checked by Spring MVC itself, which answers a
 * violation with a 400 problem; a class-level {@code @Validated} would check them in a
 * proxy instead, whose exception ends as a 500.
 */
@RestController
class OrderController {

	private final Counter counter;

	OrderController(Counter counter) {
		this.counter = counter;
	}

	@GetMapping("/orders/{orderId}")
	SalesOrder find(@PathVariable UUID orderId) {
		return this.counter.find(orderId);
	}

	@GetMapping("/orders")
	List<SalesOrder.Summary> list(@RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.counter.list(status, limit);
	}

	@PostMapping("/orders/{orderId}/pickup")
	SalesOrder pickUp(@PathVariable UUID orderId) {
		return this.counter.handOver(orderId);
	}

}
