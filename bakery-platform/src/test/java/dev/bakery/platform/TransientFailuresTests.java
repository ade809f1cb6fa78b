package dev.bakery.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTests {

	@Test
	void aDatabaseThatCannotBeReachedIsTransient() {
		assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
		assertThat(TransientFailures.isTransient(new CannotCreateTransactionException("down"))).isTrue();
		assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("down"))).isTrue();
	}

	@Test
	void aConnectionThatBrokeUnderACommitOrRollbackIsTransient() {
		// What PgJDBC and Spring report when PostgreSQL is killed during a transaction.
		assertThat(TransientFailures.isTransient(new TransactionSystemException("JDBC rollback failed",
				new SQLException("This connection has been closed.", "08003"))))
			.isTrue();
		assertThat(TransientFailures
			.isTransient(new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01")))
			.isTrue();
		assertThat(TransientFailures.isTransient(new SQLException("duplicate key value", "23505"))).isFalse();
	}

	@Test
	void aRollbackThatFailedAfterADatabaseFailureIsTransient() {
		// What a station saw when PostgreSQL was killed under its transaction
		// (FaultSoakIT):
		// Hikari's closed connection says so with no SQL state; the failure that made it
		// roll back says why.
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(new DataAccessResourceFailureException("terminating connection",
				new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
		assertThat(TransientFailures.isTransient(rollback)).isTrue();
		TransactionSystemException afterAConstraint = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		afterAConstraint.initApplicationException(new DataIntegrityViolationException("duplicate"));
		assertThat(TransientFailures.isTransient(afterAConstraint)).isFalse();
	}

	@Test
	void aBrokerTimeoutIsTransient() {
		assertThat(TransientFailures.isTransient(new TimeoutException("no broker"))).isTrue();
	}

	@Test
	void aTransientCauseIsFoundBehindTheListenerFailureThatWrapsIt() {
		assertThat(TransientFailures.isTransient(
				new ListenerExecutionFailedException("listener failed", new CannotCreateTransactionException("down"))))
			.isTrue();
	}

	@Test
	void aRecordThatCannotBeReadOrBreaksAConstraintIsNotTransient() {
		assertThat(TransientFailures.isTransient(new DeserializationException("not JSON", new byte[0], false, null)))
			.isFalse();
		assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate"))).isFalse();
		assertThat(TransientFailures.isTransient(new IllegalArgumentException("no items"))).isFalse();
	}

}
