package dev.bakery.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.BakeryClient;
import dev.bakery.labs.Outboxes;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole flow, through the four departments as processes: orders placed over HTTP at
 * the till reach the counter ready for pickup, each step once and in order, and each
 * department published each of its events once.
 */
@Order(1)
class BakeryFlowIT {

	private static final List<String> FLOW = List.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");

	private static final List<String> PRODUCTS = List.of("BREZEL", "CROISSANT", "ROGGENBROT", "BROETCHEN");

	private final Bakery bakery = TheBakery.get();

	private final BakeryClient client = new BakeryClient(this.bakery.site());

	@Test
	void everyOrderPlacedAtTheTillIsReadyForPickupAtTheCounterExactlyOnce() {
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			orders.add(this.client.place("Customer " + i, PRODUCTS.get(i % PRODUCTS.size()), 1 + i % 13).orElseThrow());
		}

		Deque<String> waiting = new ArrayDeque<>(orders);
		await("every order ready for pickup").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.client.takeReadyForPickup(waiting));

		for (String id : orders) {
			List<BakeryClient.TimelineStep> timeline = this.client.timeline(id);
			assertThat(timeline).extracting(BakeryClient.TimelineStep::status)
				.as("timeline of %s", id)
				.containsExactlyElementsOf(FLOW);
			assertThat(timeline).extracting(BakeryClient.TimelineStep::at)
				.as("times of %s", id)
				.isSortedAccordingTo(Instant::compareTo);
		}
		Outboxes outboxes = new Outboxes(this.bakery);
		Map<Department, Long> expected = Map.of(Department.CHECKOUT, 1L, Department.BAKEHOUSE, 2L, Department.PACKAGING,
				2L);
		expected.forEach((department, events) -> assertThat(outboxes.publishedPerOrder(department))
			.as("%s's events per order", department.role())
			.containsAllEntriesOf(
					orders.stream().collect(java.util.stream.Collectors.toMap((id) -> id, (id) -> events))));
	}

	@Test
	void aReadyOrderIsHandedOverOnce() {
		String id = this.client.place("Anna", "BREZEL", 3).orElseThrow();
		await().atMost(Duration.ofMinutes(1)).until(() -> statuses(id).contains("READY_FOR_PICKUP"));

		assertThat(this.client.handOver(id)).contains("HANDED_OVER");
		assertThat(this.client.handOver(id)).as("a second hand-over is refused").isEmpty();
		assertThat(statuses(id)).containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP",
				"HANDED_OVER");
	}

	private List<String> statuses(String id) {
		return this.client.timeline(id).stream().map(BakeryClient.TimelineStep::status).toList();
	}

}
