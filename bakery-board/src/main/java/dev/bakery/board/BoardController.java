package dev.bakery.sales.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Board", description = "What the live board's page reads; for the page, not for customers")
class BoardController {

	private final Board board;

	private final BoardUpdates updates;

	private final Till till;

	BoardController(Board board, BoardUpdates updates, Till till) {
		this.board = board;
		this.updates = updates;
		this.till = till;
	}

	@Operation(summary = "The board now: the latest orders with their timelines, and the counts")
	@ApiResponse(responseCode = "200", description = "The board")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@GetMapping("/snapshot")
	Board.Snapshot snapshot() {
		return this.board.snapshot();
	}

	@Operation(summary = "The consumer groups' lag")
	@GetMapping("/lag")
	ConsumerGroupLag.Report lag() {
		return this.board.lag();
	}

	@Operation(summary = "The Kafka cluster: brokers, partitions and their leaders, the till's outbox")
	@GetMapping("/cluster")
	ClusterView cluster() {
		return this.board.cluster();
	}

	/**
	 * The shelf as the Kafka Streams topology holds it; while its stores are restored, a
	 * view with the problem, not a 503 as {@code GET /shelf} answers.
	 */
	@Operation(summary = "The shelf, or why it cannot be asked now")
	@GetMapping("/shelf")
	ShelfView shelf() {
		return this.board.shelf();
	}

	/**
	 * Server-sent events: {@code order} when an order moves, {@code lag}, {@code cluster}
	 * and {@code shelf} every few seconds.
	 */
	@Operation(summary = "Server-sent events: order, lag, cluster, shelf")
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.updates.open();
	}

	/** Places an order at the till on the page's behalf; answers as the till did. */
	@Operation(summary = "Place an order at the till for the page",
			description = "Passed on to the till's POST /orders; answers as the till did, with its problems.")
	@ApiResponse(responseCode = "201", description = "Taken by the till")
	@ApiResponse(responseCode = "400", description = "Invalid order")
	@ApiResponse(responseCode = "413", description = "Request too large")
	@ApiResponse(responseCode = "422", description = "Idempotency key reused")
	@ApiResponse(responseCode = "502", description = "Till unreachable")
	@ApiResponse(responseCode = "503", description = "Database unavailable")
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> place(@RequestBody String order,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return this.till.place(order, idempotencyKey);
	}

}
