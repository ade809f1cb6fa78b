package dev.bakery.board;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the live board's page ({@code static/index.html}) talks to, and the figures over
 * time for a terminal ({@code GET /board/curves}). Placing an order and handing one over
 * are passed on to the till and the counter, which answer for them.
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

	/** The board now: the menu, the counts and the latest orders with their timelines. */
	@GetMapping("/snapshot")
	Board.Snapshot snapshot() {
		return this.board.snapshot();
	}

	/** The consumer groups' lag, asked of Kafka now. */
	@GetMapping("/lag")
	ConsumerGroupLag.Report lag() {
		return this.board.lag();
	}

	/** The Kafka cluster: brokers, partitions and their leaders, the till's outbox. */
	@GetMapping("/cluster")
	ClusterView cluster() {
		return this.board.cluster();
	}

	/**
	 * The shelf as the counter's Kafka Streams topology holds it; while its stores are
	 * restored, or the counter is away, a view with the problem.
	 */
	@GetMapping("/shelf")
	ShelfView shelf() {
		return this.board.shelf();
	}

	/** Whether each department is ready, as its readiness health group says. */
	@GetMapping("/departments")
	List<Departments.Readiness> departments() {
		return this.board.departments();
	}

	/** The consumer groups' lag and reading over the last minutes, every look kept. */
	@GetMapping("/figures")
	Figures.History figures() {
		return this.board.figures();
	}

	/**
	 * The same as text for a terminal: per group a line of lag and a line of records read
	 * per second, each a sparkline over the last minutes (at most as many as the board
	 * keeps).
	 */
	@GetMapping(path = "/curves", produces = MediaType.TEXT_PLAIN_VALUE)
	String curves(@RequestParam(defaultValue = "5") @Min(1) @Max(1440) int minutes) {
		return this.board.curves(Duration.ofMinutes(minutes));
	}

	/**
	 * Server-sent events: {@code order} when an order moves; {@code lag},
	 * {@code figures}, {@code cluster}, {@code shelf}, {@code menu} and
	 * {@code departments} every few seconds.
	 */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.updates.open();
	}

	/** Places an order at the till for the page; answers as the till did. */
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> place(@RequestBody String order,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return this.till.place(order, idempotencyKey);
	}

	/** Hands an order over at the counter for the page; answers as the counter did. */
	@PostMapping("/orders/{orderId}/pickup")
	ResponseEntity<byte[]> pickUp(@PathVariable UUID orderId) {
		return this.board.pickUp(orderId);
	}

}
