package dev.bakery.sales.counter;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The counter has not heard of this order. Answered as 404 with a problem body. */
class NotAtTheCounter extends ErrorResponseException {

	NotAtTheCounter(UUID orderId) {
		super(HttpStatus.NOT_FOUND, problem(orderId), null);
	}

	private static ProblemDetail problem(UUID orderId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"The counter has not heard of order " + orderId);
		problem.setTitle("Order not found");
		problem.setProperty("orderId", orderId);
		return problem;
	}

}
