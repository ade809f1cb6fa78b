package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
class ShelfController {

	private final Shelf shelf;

	ShelfController(Shelf shelf) {
		this.shelf = shelf;
	}

	@GetMapping("/shelf/{orderId}")
	Shelf.ShelvedOrder find(@PathVariable UUID orderId) {
		return this.shelf.find(orderId).orElseThrow(() -> new NotOnTheShelf(orderId));
	}

	@GetMapping("/shelf")
	List<Shelf.ShelvedOrder> list(@RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.shelf.list(status, limit);
	}

	@GetMapping("/shelf/baked-per-minute")
	List<Shelf.BakedInMinute> bakedPerMinute(@RequestParam(defaultValue = "10") @Min(1) @Max(120) int minutes) {
		return this.shelf.bakedPerMinute(Duration.ofMinutes(minutes), Instant.now());
	}

}
