package dev.bakery.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The proof that the four departments work together: orders placed at the till over HTTP travel through the bake house
 * and packaging to the counter over Kafka, every one exactly once.
 */
class BakeryFlowIT {

	private static final int ORDERS = 50;

	private static final List<String> FLOW = List.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");

	private static RunningBakery bakery;

	@BeforeAll
	static void openTheBakery() {
		bakery = new RunningBakery("bakery.time-scale=0.005", "bakery.outbox.poll-interval=50ms").startAll();
	}

	@AfterAll
	static void closeTheBakery() {
		bakery.close();
	}

	@Test
	void everyOrderPlacedAtTheTillIsReadyForPickupAtTheCounterExactlyOnce() {
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			placed.add(place("Customer " + i, i));
		}

		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Set<UUID> ready = readyForPickup();
			assertThat(ready).containsAll(placed);
		});

		for (UUID orderId : placed) {
			JsonNode order = bakery.http(Department.SALES).get().uri("/orders/{id}", orderId).retrieve()
				.body(JsonNode.class);
			assertThat(order.get("status").asString()).isEqualTo("READY_FOR_PICKUP");
			List<String> steps = new ArrayList<>();
			List<Instant> times = new ArrayList<>();
			order.get("timeline").forEach((step) -> {
				steps.add(step.get("status").asString());
				times.add(Instant.parse(step.get("at").asString()));
			});
			assertThat(steps).as("timeline of %s", orderId).containsExactlyElementsOf(FLOW);
			assertThat(times).as("times of %s", orderId).isSorted();
		}

		// Exactly once at the source: one event per step per order in each department's outbox, all published.
		assertThat(eventsPerOrder(Department.CHECKOUT, placed)).containsOnlyKeys(placed).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
		assertThat(eventsPerOrder(Department.BAKEHOUSE, placed)).containsOnlyKeys(placed).allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));
		assertThat(eventsPerOrder(Department.PACKAGING, placed)).containsOnlyKeys(placed).allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));

		UUID first = placed.get(0);
		JsonNode handedOver = bakery.http(Department.SALES).post().uri("/orders/{id}/pickup", first).retrieve()
			.body(JsonNode.class);
		assertThat(handedOver.get("status").asString()).isEqualTo("HANDED_OVER");
		assertThat(handedOver.get("timeline")).hasSize(FLOW.size() + 1);
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
			.isThrownBy(() -> bakery.http(Department.SALES).post().uri("/orders/{id}/pickup", first).retrieve()
				.toBodilessEntity());
	}

	private static UUID place(String customer, int i) {
		String product = List.of("BREZEL", "CROISSANT", "ROGGENBROT", "BROETCHEN").get(i % 4);
		ResponseEntity<JsonNode> response = bakery.http(Department.CHECKOUT).post().uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", customer, "items", List.of(Map.of("product", product, "quantity", 1 + i % 13))))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("status").asString()).isEqualTo("PLACED");
		UUID orderId = UUID.fromString(response.getBody().get("orderId").asString());
		assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
		return orderId;
	}

	private static Set<UUID> readyForPickup() {
		JsonNode ready = bakery.http(Department.SALES).get().uri("/orders?status=READY_FOR_PICKUP&limit=1000")
			.retrieve()
			.body(JsonNode.class);
		Set<UUID> ids = new java.util.HashSet<>();
		ready.forEach((order) -> ids.add(UUID.fromString(order.get("orderId").asString())));
		return ids;
	}

	/** How many published outbox events a department wrote per order, for these orders. */
	private static Map<UUID, Long> eventsPerOrder(Department department, List<UUID> orders) {
		return RunningBakery.database(department)
			.sql("SELECT message_key FROM outbox WHERE published_at IS NOT NULL")
			.query(String.class)
			.list()
			.stream()
			.map(UUID::fromString)
			.filter(orders::contains)
			.collect(Collectors.groupingBy((id) -> id, Collectors.counting()));
	}

}
