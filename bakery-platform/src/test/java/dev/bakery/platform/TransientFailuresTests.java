package dev.bakery.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;
import static org.awaitility.Awaitility.await;

/**
 * Which failures are retried until they pass; those a real database causes are caused
 * here (the context is the one the outbox's and the stations' tests share).
 */
@SpringBootTest(properties = { "spring.config.import=classpath:bakery-platform.yml", "bakery.database=platform",
		"spring.flyway.locations=classpath:db/migration/platform,classpath:db/migration/stations",
		"bakery.outbox.poll-interval=50ms", "management.tracing.export.zipkin.enabled=false" })
@AutoConfigureTracing
@Import({ BakeryTestInfrastructure.class, RecordedSpans.class })
class TransientFailuresTests {

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

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
	void aCommitWhoseConnectionBrokeIsTransientThoughOnlyTheRollbacksFailureIsReported() throws SQLException {
		// A packing station's finish when PostgreSQL was killed under its commit
		// (FaultSoakIT): the commit fails, the rollback after it finds the connection
		// closed, and Spring throws the rollback's failure alone.
		Exception failure;
		try (Connection other = this.dataSource.getConnection()) {
			failure = catchException(() -> this.transactions.executeWithoutResult((transaction) -> {
				int backend = this.jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
				terminate(other, backend);
			}));
		}

		assertThat(failure).isInstanceOf(TransactionSystemException.class);
		assertThat(((TransactionSystemException) failure).getApplicationException()).isNull();
		assertThat(TransientFailures.isTransient(failure)).isTrue();
	}

	/** Ends the backend from another connection, and waits until it is gone. */
	private static void terminate(Connection other, int backend) {
		try (PreparedStatement terminate = other.prepareStatement("SELECT pg_terminate_backend(?)")) {
			terminate.setInt(1, backend);
			terminate.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not end the transaction's backend", ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			try (PreparedStatement alive = other
				.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
				alive.setInt(1, backend);
				try (ResultSet count = alive.executeQuery()) {
					return count.next() && count.getInt(1) == 0;
				}
			}
		});
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
