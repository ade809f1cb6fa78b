package dev.bakery.sales.shelf;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The shelf's state stores cannot be queried yet: Kafka Streams is starting, rebalancing
 * or restoring them from their changelog topics. Answered as 503 with a problem body; a
 * client asks again a moment later. Public for the live board, which shows the shelf's
 * problem instead of the shelf while it lasts.
 */
public class ShelfNotReady extends ErrorResponseException {

	ShelfNotReady(String store, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(store), cause);
	}

	private static ProblemDetail problem(String store) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The shelf's store '" + store + "' is being restored or rebalanced; ask again in a moment");
		problem.setTitle("Shelf not ready");
		return problem;
	}

}
