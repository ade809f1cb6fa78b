package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bakery.sales.counter.OrderStatus;

/**
 * The shelf over HTTP: interactive queries of the Kafka Streams topology's KTable and
 * window store. Compare {@code GET /shelf/{id}} with the counter's {@code GET
 * /orders/{id}}: the same status, from a state store instead of a database.
 */
@RestController
@Tag(name = "Shelf", description = "The same questions, answered by Kafka Streams from its state stores")
class ShelfController {

	private final Shelf shelf;

	private final LocalShelf here;

	ShelfController(Shelf shelf, LocalShelf here) {
		this.shelf = shelf;
		this.here = here;
	}

	/**
	 * @param local only this instance's part of the shelf: how one counter instance asks
	 * another ({@link OtherShelves})
	 */
	@Operation(summary = "An order on the shelf",
			description = "Its status from the KTable of bakery.order-status (an interactive query): compare GET "
					+ "/orders/{orderId}. Gone once handed over.")
	@ApiResponse(responseCode = "200", description = "The order's status")
	@ApiResponse(responseCode = "404", description = "Not on the shelf")
	@ApiResponse(responseCode = "503", description = "Shelf not ready")
	@GetMapping("/shelf/{orderId}")
	Shelf.ShelvedOrder find(@PathVariable UUID orderId,
			@Parameter(description = LOCAL) @RequestParam(defaultValue = "false") boolean local) {
		return (local ? this.here.find(orderId) : this.shelf.find(orderId))
			.orElseThrow(() -> new NotOnTheShelf(orderId));
	}

	@Operation(summary = "The orders on the shelf", description = "E.g. status=READY_FOR_PICKUP.")
	@ApiResponse(responseCode = "200", description = "The orders")
	@ApiResponse(responseCode = "503", description = "Shelf not ready")
	@GetMapping("/shelf")
	List<Shelf.ShelvedOrder> list(
			@Parameter(description = "Only orders in this status") @RequestParam(required = false) OrderStatus status,
			@Parameter(description = "At most this many, 1 to " + MAX_LIMIT) @RequestParam(
					defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
			@Parameter(description = LOCAL) @RequestParam(defaultValue = "false") boolean local) {
		return local ? this.here.list(status, limit) : this.shelf.list(status, limit);
	}

	@Operation(summary = "How many orders are on the shelf in each status",
			description = "From PLACED to READY_FOR_PICKUP (a handed-over order is gone from the shelf), those "
					+ "without orders as 0: the KTable counted. Compare GET /orders/counts.")
	@ApiResponse(responseCode = "200", description = "The counts, by status")
	@ApiResponse(responseCode = "503", description = "Shelf not ready")
	@GetMapping("/shelf/counts")
	Map<OrderStatus, Long> countByStatus(
			@Parameter(description = LOCAL) @RequestParam(defaultValue = "false") boolean local) {
		return local ? this.here.countByStatus() : this.shelf.countByStatus();
	}

	@Operation(summary = "Pieces baked per product per minute",
			description = "A tumbling one-minute window over the bake house's BAKED events.")
	@ApiResponse(responseCode = "200", description = "One entry per minute and product")
	@ApiResponse(responseCode = "503", description = "Shelf not ready")
	@GetMapping("/shelf/baked-per-minute")
	List<Shelf.BakedInMinute> bakedPerMinute(
			@Parameter(description = "The last this many minutes, 1 to 120") @RequestParam(
					defaultValue = "10") @Min(1) @Max(120) int minutes,
			@Parameter(description = LOCAL) @RequestParam(defaultValue = "false") boolean local) {
		Duration last = Duration.ofMinutes(minutes);
		return local ? this.here.bakedPerMinute(last, Instant.now()) : this.shelf.bakedPerMinute(last, Instant.now());
	}

	/** The most orders one request lists. */
	static final int MAX_LIMIT = 1000;

	private static final String LOCAL = "Only this instance's part of the shelf: how one counter instance asks another";

}
