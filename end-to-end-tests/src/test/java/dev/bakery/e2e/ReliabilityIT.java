package dev.bakery.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.bakery.events.Topics;
import dev.bakery.infrastructure.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bakery's promise, tested by breaking real components: a department, the broker, a
 * database, and the data on the topics. Each test prints its figures (placed, completed,
 * lost, duplicated, dead-lettered) for docs/reliability.md.
 */
class ReliabilityIT {

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
	void aDepartmentStoppedInTheMiddleOfAStreamCatchesUpWithEveryOrderExactlyOnce() {
		List<UUID> orders = new ArrayList<>(bakery.placeOrders(10));
		bakery.stop(Department.BAKEHOUSE);
		orders.addAll(bakery.placeOrders(10));
		bakery.start(Department.BAKEHOUSE);
		orders.addAll(bakery.placeOrders(10));

		bakery.awaitReadyForPickup(orders, Duration.ofMinutes(2));

		bakery.assertEachCompletedExactlyOnce(orders);
		bakery.report("bake house stopped and started mid-stream", orders, 0);
	}

	@Test
	void ordersAcceptedWhileTheBrokerIsDownAreDeliveredWhenItReturns() {
		Infrastructure.get().stopKafka();
		List<UUID> orders;
		try {
			orders = bakery.placeOrders(10);
			assertThat(RunningBakery.database(Department.CHECKOUT)
				.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
				.query(Long.class)
				.single()).as("events waiting in the till's outbox").isGreaterThanOrEqualTo(10);
		}
		finally {
			Infrastructure.get().startKafka();
		}

		bakery.awaitReadyForPickup(orders, Duration.ofMinutes(3));

		bakery.assertEachCompletedExactlyOnce(orders);
		bakery.report("broker stopped while orders were placed", orders, 0);
	}

	@Test
	void aDepartmentWhoseDatabaseIsAwayRetriesUntilItIsBackAndDeadLettersNothing() {
		Infrastructure infrastructure = Infrastructure.get();
		infrastructure.administer("ALTER DATABASE packaging WITH ALLOW_CONNECTIONS false");
		infrastructure.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'packaging'");
		List<UUID> orders;
		try {
			orders = bakery.placeOrders(10);
			// The bake house goes on; packaging cannot record anything while its database
			// is away.
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(orders)
					.allSatisfy((orderId) -> assertThat(bakery.salesOrder(orderId).get("status").asString())
						.isEqualTo("BAKED")));
		}
		finally {
			infrastructure.administer("ALTER DATABASE packaging WITH ALLOW_CONNECTIONS true");
		}

		bakery.awaitReadyForPickup(orders, Duration.ofMinutes(2));

		bakery.assertEachCompletedExactlyOnce(orders);
		List<String> deadLettered = keysIn(Topics.deadLetter(Topics.BAKING_STATUS));
		assertThat(deadLettered).as("dead-lettered orders").doesNotContainAnyElementsOf(asStrings(orders));
		bakery.report("packaging's database away for a while", orders, 0);
	}

	@Test
	void theTillAnswersA503ProblemAtOnceWhileItsDatabaseIsAwayAndServesAgainWhenItReturns() {
		Infrastructure infrastructure = Infrastructure.get();
		String database = Department.CHECKOUT.database;
		infrastructure.administer("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
		infrastructure
			.administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				long started = System.nanoTime();
				ResponseEntity<JsonNode> answer = bakery.http(Department.CHECKOUT)
					.post()
					.uri("/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("customer", "Dora", "items", List.of(Map.of("product", "BREZEL", "quantity", 1))))
					.retrieve()
					.onStatus((status) -> true, (request, response) -> {
					})
					.toEntity(JsonNode.class);
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
				assertThat(answer.getBody().get("title").asString()).isEqualTo("Database unavailable");
				assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
				assertThat(took).as("time to answer").isLessThan(Duration.ofSeconds(4));
			}
		}
		finally {
			infrastructure.administer("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
		}
		// Back by itself: the pool connects again, no restart.
		List<UUID> orders = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> bakery.placeOrders(3), (placed) -> placed.size() == 3);
		bakery.awaitReadyForPickup(orders, Duration.ofMinutes(2));
		bakery.assertEachCompletedExactlyOnce(orders);
	}

	@Test
	void aPoisonRecordOnEachTopicGoesToItsDeadLetterTopicAndTheOrdersAroundItComplete() throws Exception {
		List<UUID> orders = new ArrayList<>(bakery.placeOrders(5));
		List<String> poison = new ArrayList<>();
		for (String topic : Topics.ALL) {
			String notJson = "poison-" + UUID.randomUUID();
			KafkaTopics.sendRaw(topic, notJson, "this is not JSON {", null);
			String breaksContract = "poison-" + UUID.randomUUID();
			KafkaTopics.sendRaw(topic, breaksContract, "{\"orderId\":\"" + UUID.randomUUID() + "\"}", typeOf(topic));
			poison.add(notJson);
			poison.add(breaksContract);
		}
		orders.addAll(bakery.placeOrders(5));

		bakery.awaitReadyForPickup(orders, Duration.ofMinutes(2));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (String topic : Topics.ALL) {
				List<ConsumerRecord<String, byte[]>> dead = KafkaTopics.readAll(Topics.deadLetter(topic));
				assertThat(dead).as(Topics.deadLetter(topic))
					.filteredOn((record) -> poison.contains(record.key()))
					.isNotEmpty()
					.allSatisfy((record) -> assertThat(header(record, "kafka_dlt-exception-fqcn")).isNotBlank());
			}
		});

		bakery.assertEachCompletedExactlyOnce(orders);
		long deadLettered = Topics.ALL.stream()
			.mapToLong((topic) -> KafkaTopics.readAll(Topics.deadLetter(topic))
				.stream()
				.filter((record) -> poison.contains(record.key()))
				.count())
			.sum();
		bakery.report("two poison records on each of the four topics", orders, deadLettered);
	}

	private static String typeOf(String topic) {
		return switch (topic) {
			case Topics.ORDERS -> "OrderPlaced";
			case Topics.BAKING_STATUS -> "BakingStatusChanged";
			case Topics.PACKAGING_STATUS -> "PackagingStatusChanged";
			default -> "SalesStatusChanged";
		};
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return (record.headers().lastHeader(name) != null)
				? new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8) : null;
	}

	private static List<String> keysIn(String topic) {
		return KafkaTopics.readAll(topic).stream().map(ConsumerRecord::key).toList();
	}

	private static List<String> asStrings(List<UUID> orders) {
		return orders.stream().map(UUID::toString).toList();
	}

}
