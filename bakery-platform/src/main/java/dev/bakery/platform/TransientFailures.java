package dev.bakery.platform;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that goes away by itself (the database or the broker is briefly
 * unreachable) from one that never will (a record that breaks the contract). The first is
 * retried for as long as it takes; the second goes to the dead-letter topic.
 */
public final class TransientFailures {

	private TransientFailures() {
	}

	/**
	 * Whether the failure, or anything that caused it, is of a kind that a retry can
	 * cure.
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException || cause instanceof RetriableException
					|| lostConnection(cause)) {
				return true;
			}
			// A rollback that failed hides the failure that made it roll back: Hikari's
			// "Connection is closed" (no SQL state) after PostgreSQL went away. Where the
			// application failed, that failure decides. Where none did, the commit failed
			// (Spring then throws only the rollback's failure), and a commit and its
			// rollback both fail only on a connection that broke.
			if (cause instanceof TransactionSystemException rollback
					&& (rollback.getApplicationException() == null || isTransient(rollback.getOriginalException()))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The connection broke (SQL state class 08) or the server went down under it (57P):
	 * e.g. a commit's or rollback's {@code Connection is closed} after PostgreSQL was
	 * killed, which Spring reports as a {@code TransactionSystemException}, not as a
	 * resource failure. A retry is safe: the bakery's writes are guarded by their domain
	 * key, so a commit that did happen is not done twice.
	 */
	private static boolean lostConnection(Throwable cause) {
		return cause instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
	}

}
