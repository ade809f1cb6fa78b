package dev.bakery.packaging.packing;

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

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.events.WorkTimes;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.infrastructure.GroupOffsets;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.packaging.PackagingApplication;

import static dev.bakery.events.PackagingStatusChanged.Status.PACKED;
import static dev.bakery.events.PackagingStatusChanged.Status.PACKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Packaging against the real broker and database: a {@code BAKED} event comes in on
 * {@code bakery.baking-status}, is recorded as a packing job, and goes out on
 * {@code bakery.packaging-status} as {@code PACKING}, then {@code PACKED}. How the
 * packing stations are fed (the backlog left in Kafka, redeliveries, rebalances, trays at
 * time scale 0) is the stations' own, tested in bakery-platform
 * ({@code WorkstationsTests}).
 */
@SpringBootTest(properties = { PackagingApplication.CONFIG_NAME, "bakery.time-scale=0.001", "bakery.longest-work=100ms",
		"bakery.outbox.poll-interval=50ms" })
@Import(BakeryTestInfrastructure.class)
class PackingTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("BREZEL", 3), new OrderLine("CROISSANT", 4));

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

	private TopicReader packagingStatus;

	@BeforeEach
	void readPackagingStatus() {
		// Once the service has created its topics, so that the reader finds all their
		// partitions.
		this.packagingStatus = Infrastructure.get().reader(Topics.PACKAGING_STATUS);
	}

	@AfterEach
	void closeReader() {
		this.packagingStatus.close();
	}

	@Test
	void packsABakedOrderAndReportsItPackingThenPacked() throws Exception {
		UUID orderId = UUID.randomUUID();

		send(baked(orderId));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.packagingStatus.values(orderId, PackagingStatusChanged.class))
				.extracting(PackagingStatusChanged::status)
				.containsExactly(PACKING, PACKED));
		List<ConsumerRecord<String, byte[]>> records = this.packagingStatus.records(orderId);
		assertThat(records).extracting(ConsumerRecord::partition)
			.as("one order, one partition")
			.containsOnly(records.get(0).partition());
		assertThat(records.get(0).offset()).isLessThan(records.get(1).offset());
		assertThat(this.packagingStatus.values(orderId, PackagingStatusChanged.class)).allSatisfy((change) -> {
			assertThat(change.orderId()).isEqualTo(orderId);
			assertThat(change.station()).startsWith("packaging-service@");
		});

		Map<String, Object> job = job(orderId);
		assertThat(job).containsEntry("status", "DONE")
			.containsEntry("work_millis", WorkTimes.packing(ITEMS).toMillis());
		assertThat((Timestamp) job.get("started_at")).isBeforeOrEqualTo((Timestamp) job.get("finished_at"));
		assertThat(job.get("started_by")).as("one station, one instance").isEqualTo(job.get("finished_by"));
	}

	@Test
	void leavesAnOrderThatIsOnlyInTheOvenAlone() throws Exception {
		UUID orderId = UUID.randomUUID();

		SendResult<Object, Object> inOven = send(new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN,
				ITEMS, Instant.now(), "oven-test"));

		GroupOffsets.awaitRead("packaging", inOven);
		assertThat(count("SELECT count(*) FROM station_jobs WHERE order_id = :key", orderId)).isZero();
		assertThat(count("SELECT count(*) FROM outbox WHERE message_key = :key", orderId.toString())).isZero();
		assertThat(this.packagingStatus.records(orderId)).isEmpty();
	}

	private static BakingStatusChanged baked(UUID orderId) {
		return new BakingStatusChanged(orderId, BakingStatusChanged.Status.BAKED, ITEMS, Instant.now(), "oven-test");
	}

	private SendResult<Object, Object> send(BakingStatusChanged change) throws Exception {
		return this.kafka.send(Topics.BAKING_STATUS, change.orderId().toString(), change).get();
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
