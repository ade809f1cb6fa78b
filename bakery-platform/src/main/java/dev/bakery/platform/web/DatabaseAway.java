package dev.bakery.platform.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bakery.platform.TransientFailures;

/**
 * While a department's database is away, its HTTP endpoints answer a 503 problem with a
 * {@code Retry-After} within a second or two (the pool waits at most
 * {@code spring.datasource.hikari.connection-timeout} for a connection), instead of
 * hanging or answering 500; they serve again by themselves once it is back, as the pool
 * reconnects. The platform's one piece of error handling, for every department; a
 * department's own advice deals with its requests' content.
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DatabaseAway {

	/**
	 * Seconds a client is asked to wait: about what a restart of PostgreSQL, or of Kafka,
	 * takes.
	 */
	public static final String RETRY_AFTER = "5";

	/**
	 * The database could not be reached, or a transaction could not even be rolled back
	 * because its connection was gone (the rollback's failure then hides the one that
	 * made it roll back).
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ResponseEntity<ProblemDetail> on(Exception unavailable) throws Exception {
		if (unavailable instanceof TransactionSystemException rollback && !TransientFailures.isTransient(rollback)) {
			throw unavailable;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The department's database cannot be reached at the moment; try again in a few seconds.");
		problem.setTitle("Database unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
			.body(problem);
	}

}
