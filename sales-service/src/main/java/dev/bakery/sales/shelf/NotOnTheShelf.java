package dev.bakery.sales.shelf;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The shelf does not hold this order: it was never placed, or it was handed over and its
 * tombstone removed it. Answered as 404 with a problem body.
 */
class NotOnTheShelf extends ErrorResponseException {

	NotOnTheShelf(UUID orderId) {
		super(HttpStatus.NOT_FOUND, problem(orderId), null);
	}

	private static ProblemDetail problem(UUID orderId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"Order " + orderId + " is not on the shelf: unknown, or handed over already");
		problem.setTitle("Not on the shelf");
		problem.setProperty("orderId", orderId);
		return problem;
	}

}
