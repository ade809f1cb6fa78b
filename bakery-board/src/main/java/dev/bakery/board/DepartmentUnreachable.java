package dev.bakery.sales.board;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The till does not answer, so the board cannot place the order. Answered as 502 with a
 * problem body.
 */
class TillUnreachable extends ErrorResponseException {

	TillUnreachable(URI till, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, problem(till), cause);
	}

	private static ProblemDetail problem(URI till) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The till (checkout-service) at " + till + " does not answer; is it running?");
		problem.setTitle("Till unreachable");
		problem.setProperty("checkoutUrl", till.toString());
		return problem;
	}

}
