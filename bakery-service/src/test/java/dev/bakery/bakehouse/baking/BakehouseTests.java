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

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.infrastructure.BakeryTestInfrastructure;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bake house against the real broker and database: an order comes in on
 * {@code bakery.orders}, is recorded as a baking job, and goes out on
 * {@code bakery.baking-status} as {@code IN_OVEN}, then {@code BAKED}. How the ovens are
 * fed (the backlog left in Kafka, redeliveries, rebalances, trays at time scale 0) is the
 * stations' own, tested in bakery-platform ({@code WorkstationsTests}).
 */
@SpringBootTest(properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0.001", "bakery.longest-work=1s",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class BakehouseTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

	private TopicReader bakingStatus;

	@BeforeEach
	void readBakingStatus() {
		// Once the service has created its topics, so that the reader finds all their
		// partitions.
		this.bakingStatus = Infrastructure.get().reader(Topics.BAKING_STATUS);
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

	private void send(OrderPlaced order) throws Exception {
		this.kafka.send(Topics.ORDERS, order.orderId().toString(), order).get();
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
