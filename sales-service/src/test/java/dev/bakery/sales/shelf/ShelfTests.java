package dev.bakery.sales.shelf;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.sales.MenuOffered;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shelf in the running counter, against the real broker: the topology started by
 * Spring, its interactive queries over HTTP, and the problems at its edge. What the
 * topology does with each record is {@link ShelfTopologyTests}' subject.
 */
@SpringBootTest(properties = { SalesApplication.CONFIG_NAME, "bakery.time-scale=0.001" })
@AutoConfigureMockMvc
@Import({ BakeryTestInfrastructure.class, MenuOffered.class })
// Its Kafka Streams application and listeners join the groups 'shelf' and 'sales'; a
// context left running would take partitions from the next one.
@DirtiesContext
class ShelfTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("LAUGENSTANGE", 7));

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Test
	void answersFromTheKTableWhatTheCounterAnswersFromItsDatabaseUntilTheOrderIsCollected() throws Exception {
		UUID order = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		send(Topics.ORDERS, order, new OrderPlaced(order, "Anna", ITEMS, now));
		send(Topics.BAKING_STATUS, order,
				new BakingStatusChanged(order, BakingStatusChanged.Status.BAKED, ITEMS, now, "oven-test"));
		send(Topics.PACKAGING_STATUS, order,
				new PackagingStatusChanged(order, PackagingStatusChanged.Status.PACKED, now, "packing-test"));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/shelf/{id}", order)).hasStatusOk()
				.bodyJson()
				.extractingPath("$.status")
				.isEqualTo("READY_FOR_PICKUP"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/orders/{id}", order)).hasStatusOk()
				.bodyJson()
				.extractingPath("$.status")
				.isEqualTo("READY_FOR_PICKUP"));
		assertThat(this.mvc.get().uri("/shelf?status=READY_FOR_PICKUP&limit=1000")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.contains(order.toString());
		// Counted in a sub-topology of its own, behind a repartition topic: it may come a
		// moment after the order is on the shelf.
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/shelf/baked-per-minute?minutes=5")).hasStatusOk()
				.bodyJson()
				.extractingPath("$[?(@.product == 'LAUGENSTANGE')].pieces")
				.asArray()
				.contains(7));

		assertThat(this.mvc.get().uri("/actuator/health")).bodyJson()
			.extractingPath("$.components.shelf.details.state")
			.isEqualTo("RUNNING");
		assertThat(this.mvc.get().uri("/shelf/counts")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.READY_FOR_PICKUP")
			.asNumber()
			.satisfies((ready) -> assertThat(ready.longValue()).isPositive());
		assertThat(this.mvc.get().uri("/shelf/counts")).bodyJson()
			.as("a handed-over order is no longer on the shelf")
			.doesNotHavePath("$.HANDED_OVER");

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", order)).hasStatusOk();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/shelf/{id}", order)).hasStatus(HttpStatus.NOT_FOUND)
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Not on the shelf"));
	}

	@Test
	void answersBadQueriesWithAProblem() {
		assertThat(this.mvc.get().uri("/shelf?limit=0")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(400);
		assertThat(this.mvc.get().uri("/shelf?status=BURNT")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/shelf/not-an-order-id")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/shelf/baked-per-minute?minutes=0")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	private void send(String topic, UUID order, Object event) throws Exception {
		this.kafka.send(topic, order.toString(), event).get();
	}

}
