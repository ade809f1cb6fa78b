package dev.bakery.checkout.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An Idempotency-Key came back with a different request than the one it was first used
 * for. Answered as 422.
 */
class IdempotencyKeyReused extends ErrorResponseException {

	IdempotencyKeyReused(String key) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(key), null);
	}

	private static ProblemDetail problem(String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was already used for a different order; use a new key for a new order");
		problem.setTitle("Idempotency key reused");
		problem.setProperty("idempotencyKey", key);
		return problem;
	}

}
