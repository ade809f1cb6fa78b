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

	private final LocalShelf here;

	ShelfController(Shelf shelf, LocalShelf here) {
		this.shelf = shelf;
		this.here = here;
	}

	/**
	 * @param local only this instance's part of the shelf: how one counter instance asks
	 * another ({@link OtherShelves})
	 */
	@GetMapping("/shelf/{orderId}")
	Shelf.ShelvedOrder find(@PathVariable UUID orderId, @RequestParam(defaultValue = "false") boolean local) {
		return (local ? this.here.find(orderId) : this.shelf.find(orderId))
			.orElseThrow(() -> new NotOnTheShelf(orderId));
	}

	@GetMapping("/shelf")
	List<Shelf.ShelvedOrder> list(@RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
			@RequestParam(defaultValue = "false") boolean local) {
		return local ? this.here.list(status, limit) : this.shelf.list(status, limit);
	}

	@GetMapping("/shelf/baked-per-minute")
	List<Shelf.BakedInMinute> bakedPerMinute(@RequestParam(defaultValue = "10") @Min(1) @Max(120) int minutes,
			@RequestParam(defaultValue = "false") boolean local) {
		Duration last = Duration.ofMinutes(minutes);
		return local ? this.here.bakedPerMinute(last, Instant.now()) : this.shelf.bakedPerMinute(last, Instant.now());
	}

	/** The most orders one request lists. */
	static final int MAX_LIMIT = 1000;

}
