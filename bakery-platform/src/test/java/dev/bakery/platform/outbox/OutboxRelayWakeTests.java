package dev.bakery.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static org.awaitility.Awaitility.await;

/**
 * The relay does not wait for its next look when this instance has just committed an
 * event, nor when another instance held the relay then: its poll interval here is far
 * longer than the test may take.
 */
@SpringBootTest(properties = { "spring.config.import=classpath:bakery-platform.yml", "bakery.database=platform",
		"spring.flyway.locations=classpath:db/migration/platform,classpath:db/migration/stations",
		"bakery.outbox.poll-interval=10m" })
@Import(BakeryTestInfrastructure.class)
class OutboxRelayWakeTests {

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void anEventGoesOutAsSoonAsItsTransactionHasCommitted() {
		// Past the relay's first look, which it takes when the application starts.
		await().until(() -> waiting() == 0);

		UUID orderId = appendInATransaction();

		await().atMost(Duration.ofSeconds(10)).until(() -> published(orderId));
	}

	@Test
	void anEventCommittedWhileAnotherInstanceRelaysGoesOutOnceThatInstanceIsDone() throws SQLException {
		await().until(() -> waiting() == 0);
		UUID orderId;
		try (Connection otherInstance = this.dataSource.getConnection();
				Statement statement = otherInstance.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");

			orderId = appendInATransaction();

			// Woken by the commit, the relay finds the other instance relaying.
			await("not sent while the other instance holds the relay").during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> !published(orderId));
			statement.execute("SELECT pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> published(orderId));
	}

	private UUID appendInATransaction() {
		UUID orderId = UUID.randomUUID();
		this.transactions.executeWithoutResult((transaction) -> this.outbox.append(Topics.BAKING_STATUS, orderId,
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN,
						List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a")));
		return orderId;
	}

	private boolean published(UUID orderId) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NOT NULL")
			.param("key", orderId.toString())
			.query(Long.class)
			.single() == 1;
	}

	private long waiting() {
		return this.outbox.waiting();
	}

}
