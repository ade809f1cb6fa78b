package dev.bakery.sales.board;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the live board's page ({@code static/index.html}) talks to. Handing an order over
 * uses the counter's own {@code POST /orders/{id}/pickup}.
 */
@RestController
@RequestMapping("/board")
class BoardController {

	private final Board board;

	private final BoardUpdates updates;

	private final Till till;

	BoardController(Board board, BoardUpdates updates, Till till) {
		this.board = board;
		this.updates = updates;
		this.till = till;
	}

	@GetMapping("/snapshot")
	Board.Snapshot snapshot() {
		return this.board.snapshot();
	}

	@GetMapping("/lag")
	ConsumerGroupLag.Report lag() {
		return this.board.lag();
	}

	@GetMapping("/cluster")
	ClusterView cluster() {
		return this.board.cluster();
	}

	/**
	 * The shelf as the Kafka Streams topology holds it; while its stores are restored, a
	 * view with the problem, not a 503 as {@code GET /shelf} answers.
	 */
	@GetMapping("/shelf")
	ShelfView shelf() {
		return this.board.shelf();
	}

	/**
	 * Server-sent events: {@code order} when an order moves, {@code lag}, {@code cluster}
	 * and {@code shelf} every few seconds.
	 */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.updates.open();
	}

	/** Places an order at the till on the page's behalf; answers as the till did. */
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> place(@RequestBody String order,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return this.till.place(order, idempotencyKey);
	}

}
