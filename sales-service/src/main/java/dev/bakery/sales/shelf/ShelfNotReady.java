package dev.bakery.sales.shelf;

import org.apache.kafka.streams.state.HostInfo;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The shelf cannot be asked yet: Kafka Streams is starting, rebalancing or restoring its
 * state stores from their changelog topics, or the counter instance that keeps the part
 * asked for does not answer. Answered as 503 with a problem body; a client asks again a
 * moment later; the live board shows the problem instead of the shelf while it lasts.
 */
class ShelfNotReady extends ErrorResponseException {

	ShelfNotReady(String store, Throwable cause) {
		this(problem("The shelf's store '" + store + "' is being restored or rebalanced; ask again in a moment"),
				cause);
	}

	private ShelfNotReady(ProblemDetail problem, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
	}

	/** The counter instance that keeps a part of the shelf did not answer. */
	static ShelfNotReady elsewhere(HostInfo host, Throwable cause) {
		return new ShelfNotReady(problem("The counter at " + host.host() + ":" + host.port()
				+ ", which keeps this part of the shelf, did not answer; ask again in a moment"), cause);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Shelf not ready");
		return problem;
	}

}
