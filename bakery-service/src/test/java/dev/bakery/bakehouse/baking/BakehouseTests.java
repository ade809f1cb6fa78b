package dev.bakery.bakehouse.baking;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.TopicReader;
import dev.bakery.infrastructure.ConsumerGroups;
import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bake house against the real broker and database: an order comes in on
 * {@code bakery.orders}, is recorded as a baking job, and goes out on
 * {@code bakery.baking-status} as {@code IN_OVEN}, then {@code BAKED}.
 */
@SpringBootTest(properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0.001", "bakery.longest-work=1s",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class BakehouseTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	KafkaTemplate<Object, Object> kafka;

	@Autowired
	JdbcClient database;

	TopicReader bakingStatus;

	@BeforeEach
	void readBakingStatus() {
		// Once the service has created its topics, so that the reader finds all their
		// partitions.
		this.bakingStatus = new TopicReader(Topics.BAKING_STATUS);
	}

	@AfterEach
	void closeReader() {
		this.bakingStatus.close();
	}

	@Test
	void bakesAnOrderAndReportsItInTheOvenThenBaked() throws Exception {
		UUID orderId = UUID.randomUUID();
		List<OrderLine> items = List.of(new OrderLine("BREZEL", 3), new OrderLine("CROISSANT", 1));

		send(new OrderPlaced(orderId, "Anna", items, Instant.now()));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.bakingStatus.values(orderId, BakingStatusChanged.class))
				.extracting(BakingStatusChanged::status)
				.containsExactly(IN_OVEN, BAKED));
		List<ConsumerRecord<String, byte[]>> records = this.bakingStatus.records(orderId);
		assertThat(records).extracting(ConsumerRecord::partition)
			.as("one order, one partition")
			.containsOnly(records.get(0).partition());
		assertThat(records.get(0).offset()).isLessThan(records.get(1).offset());
		assertThat(this.bakingStatus.values(orderId, BakingStatusChanged.class)).allSatisfy((change) -> {
			assertThat(change.orderId()).isEqualTo(orderId);
			assertThat(change.items()).as("what packaging will pack").isEqualTo(items);
			assertThat(change.station()).startsWith("bakery-service@");
		});

		Map<String, Object> job = job(orderId);
		assertThat(job).containsEntry("status", "DONE").containsEntry("work_millis", 27_000L);
		assertThat((Timestamp) job.get("started_at")).isBeforeOrEqualTo((Timestamp) job.get("finished_at"));
		assertThat(job.get("started_by")).as("one oven, one instance").isEqualTo(job.get("finished_by"));
	}

	@Test
	void bakesAnOrderDeliveredTwiceOnlyOnce() throws Exception {
		UUID orderId = UUID.randomUUID();
		OrderPlaced order = new OrderPlaced(orderId, "Ben", List.of(new OrderLine("BROETCHEN", 6)), Instant.now());

		send(order);
		SendResult<Object, Object> duplicate = send(order);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.bakingStatus.values(orderId, BakingStatusChanged.class))
				.extracting(BakingStatusChanged::status)
				.contains(BAKED));
		ConsumerGroups.awaitRead("bakery", duplicate);
		// And once more long after it was baked, as after a consumer restart that had not
		// committed its offset.
		ConsumerGroups.awaitRead("bakery", send(order));

		assertThat(count("SELECT count(*) FROM station_jobs WHERE order_id = :key", orderId)).isOne();
		assertThat(
				this.database.sql("SELECT payload::jsonb ->> 'status' FROM outbox WHERE message_key = :key ORDER BY id")
					.param("key", orderId.toString())
					.query(String.class)
					.list())
			.containsExactly("IN_OVEN", "BAKED");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NULL",
							orderId.toString()))
				.as("events still to publish")
				.isZero());
		assertThat(this.bakingStatus.values(orderId, BakingStatusChanged.class)).extracting(BakingStatusChanged::status)
			.containsExactly(IN_OVEN, BAKED);
	}

	private SendResult<Object, Object> send(OrderPlaced order) throws Exception {
		return this.kafka.send(Topics.ORDERS, order.orderId().toString(), order).get();
	}

	private long count(String sql, Object key) {
		return this.database.sql(sql).param("key", key).query(Long.class).single();
	}

	private Map<String, Object> job(UUID orderId) {
		return this.database
			.sql("SELECT status, work_millis, started_at, finished_at, started_by, finished_by FROM station_jobs"
					+ " WHERE order_id = :id")
			.param("id", orderId)
			.query()
			.singleRow();
	}

}
