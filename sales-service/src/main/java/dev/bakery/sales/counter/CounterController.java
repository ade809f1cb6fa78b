package dev.bakery.sales.counter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Orders", description = "Follow an order through the departments, and hand it over")
class CounterController {

	private final Counter counter;

	CounterController(Counter counter) {
		this.counter = counter;
	}

	@Operation(summary = "An order's status and timeline",
			description = "Every step so far (PLACED, IN_OVEN, BAKED, PACKING, READY_FOR_PICKUP, HANDED_OVER), with "
					+ "the department and station that did it, when, and the Kafka record (topic, partition, offset) "
					+ "that brought it to the counter.")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "404", description = "Order not found")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@GetMapping("/orders/{orderId}")
	SalesOrder find(@PathVariable UUID orderId) {
		return this.counter.find(orderId);
	}

	@Operation(summary = "Orders, the most recently moved first",
			description = "E.g. status=READY_FOR_PICKUP: what waits at the counter.")
	@ApiResponse(responseCode = "200", description = "The orders")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@GetMapping("/orders")
	List<SalesOrder.Summary> list(
			@Parameter(description = "Only orders in this status") @RequestParam(required = false) OrderStatus status,
			@Parameter(description = "At most this many, 1 to 1000") @RequestParam(
					defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.counter.list(status, limit);
	}

	@Operation(summary = "How many orders are in each status",
			description = "Every status from PLACED to HANDED_OVER, those without orders as 0: the counter's read "
					+ "model counted. Compare GET /shelf/counts, the same from the shelf's KTable.")
	@ApiResponse(responseCode = "200", description = "The counts, by status")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@GetMapping("/orders/counts")
	Map<OrderStatus, Long> countByStatus() {
		return this.counter.countByStatus();
	}

	@Operation(summary = "Hand an order over",
			description = "Only an order that is READY_FOR_PICKUP, once. HANDED_OVER goes out on bakery.sales-status "
					+ "(through the outbox); the shelf then removes the order.")
	@ApiResponse(responseCode = "200", description = "Handed over, status HANDED_OVER")
	@ApiResponse(responseCode = "404", description = "Order not found")
	@ApiResponse(responseCode = "409", description = "Order not ready for pickup")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@PostMapping("/orders/{orderId}/pickup")
	SalesOrder pickUp(@PathVariable UUID orderId) {
		return this.counter.handOver(orderId);
	}

}
