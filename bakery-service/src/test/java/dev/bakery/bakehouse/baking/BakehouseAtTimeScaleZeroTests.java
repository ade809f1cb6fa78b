package dev.bakery.bakehouse.baking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same at time scale 0 (the benchmark's), where baking takes no time and an oven
 * takes a tray of orders at a time, beginning and finishing their jobs in one
 * transaction.
 */
@SpringBootTest(
		properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0", "bakery.outbox.poll-interval=50ms" })
class BakehouseAtTimeScaleZeroTests extends BakehouseTests {

	@Test
	void bakesOrdersThatComeTogetherInFewerTransactionsThanOrders() {
		List<UUID> orders = Stream.generate(UUID::randomUUID).limit(40).toList();
		for (UUID orderId : orders) {
			this.kafka.send(Topics.ORDERS, orderId.toString(),
					new OrderPlaced(orderId, "Tray", List.of(new OrderLine("BREZEL", 1)), Instant.now()));
		}
		this.kafka.flush();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					this.database.sql("SELECT count(*) FROM station_jobs WHERE order_id IN (:ids) AND status = 'DONE'")
						.param("ids", orders)
						.query(Long.class)
						.single())
				.isEqualTo(orders.size()));
		// A row's xmin is the transaction that wrote it last: here the one that began and
		// finished the job.
		assertThat(this.database.sql("SELECT count(DISTINCT xmin::text) FROM station_jobs WHERE order_id IN (:ids)")
			.param("ids", orders)
			.query(Long.class)
			.single()).as("transactions that baked %d orders", orders.size()).isLessThan(orders.size());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(orders)
				.allSatisfy((orderId) -> assertThat(this.bakingStatus.values(orderId, BakingStatusChanged.class))
					.extracting(BakingStatusChanged::status)
					.containsExactly(IN_OVEN, BAKED)));
	}

}
