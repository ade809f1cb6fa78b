package dev.bakery.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay does not wait for its next look when this instance has just committed an
 * event: its poll interval here is far longer than the test may take.
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

	@Test
	void anEventGoesOutAsSoonAsItsTransactionHasCommitted() {
		// Past the relay's first look, which it takes when the application starts.
		await().until(() -> waiting() == 0);
		UUID orderId = UUID.randomUUID();

		this.transactions.executeWithoutResult((transaction) -> this.outbox.append(Topics.BAKING_STATUS, orderId,
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN,
						List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a")));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NOT NULL")
						.param("key", orderId.toString())
						.query(Long.class)
						.single())
				.isEqualTo(1));
	}

	private long waiting() {
		return this.outbox.waiting();
	}

}
