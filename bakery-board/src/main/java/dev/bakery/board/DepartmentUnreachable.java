package dev.bakery.board;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A department does not answer, so the board cannot pass the page's request on (an order
 * to the till, a hand-over to the counter). Answered as 502 with a problem body.
 */
class DepartmentUnreachable extends ErrorResponseException {

	DepartmentUnreachable(String title, String department, URI url, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, problem(title, department, url), cause);
	}

	private static ProblemDetail problem(String title, String department, URI url) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				department + " at " + url + " does not answer; is it running?");
		problem.setTitle(title);
		problem.setProperty("url", url.toString());
		return problem;
	}

}
