package dev.bakery.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proof that the four departments work together: orders placed at the till over HTTP
 * travel through the bake house and packaging to the counter over Kafka, every one
 * exactly once.
 */
class BakeryFlowIT {

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
		List<UUID> placed = bakery.placeOrders(50);

		bakery.awaitReadyForPickup(placed, Duration.ofMinutes(2));

		for (UUID orderId : placed) {
			JsonNode order = bakery.salesOrder(orderId);
			assertThat(order.get("status").asString()).isEqualTo("READY_FOR_PICKUP");
			assertThat(order.get("timeline")).hasSize(RunningBakery.FLOW.size());
		}
		bakery.assertEachCompletedExactlyOnce(placed);
	}

	@Test
	void aReadyOrderIsHandedOverOnce() {
		UUID orderId = bakery.placeOrder(7);
		bakery.awaitReadyForPickup(List.of(orderId), Duration.ofSeconds(30));

		JsonNode handedOver = bakery.http(Department.SALES)
			.post()
			.uri("/orders/{id}/pickup", orderId)
			.retrieve()
			.body(JsonNode.class);

		assertThat(handedOver.get("status").asString()).isEqualTo("HANDED_OVER");
		assertThat(handedOver.get("timeline")).hasSize(RunningBakery.FLOW.size() + 1);
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
			.isThrownBy(() -> bakery.http(Department.SALES)
				.post()
				.uri("/orders/{id}/pickup", orderId)
				.retrieve()
				.toBodilessEntity());
	}

}
