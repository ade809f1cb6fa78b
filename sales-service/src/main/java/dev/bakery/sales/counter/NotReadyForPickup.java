package dev.bakery.sales.counter;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The order cannot be handed over in its status. Answered as 409 with a problem body. */
class NotReadyForPickup extends ErrorResponseException {

	NotReadyForPickup(UUID orderId, OrderStatus status) {
		super(HttpStatus.CONFLICT, problem(orderId, status), null);
	}

	private static ProblemDetail problem(UUID orderId, OrderStatus status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Order " + orderId + " is " + status + "; only an order that is READY_FOR_PICKUP can be handed over");
		problem.setTitle("Order not ready for pickup");
		problem.setProperty("orderId", orderId);
		// Not "status": that member of a problem body is the HTTP status, and a property
		// of that name would replace it.
		problem.setProperty("orderStatus", status);
		return problem;
	}

}
