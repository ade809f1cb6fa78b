package dev.bakery.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import dev.bakery.events.OrderLine;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four real Spring Boot applications in this JVM, against this JVM's one Kafka broker
 * (or a cluster of the test's own, see {@link #withKafka}) and one PostgreSQL server,
 * each with its own database. A department can be stopped and started again while the
 * others run.
 */
final class RunningBakery implements AutoCloseable {

	/** The statuses every order passes through on its way to the counter. */
	static final List<String> FLOW = List.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");

	private static final List<String> PRODUCTS = List.of("BREZEL", "CROISSANT", "ROGGENBROT", "BROETCHEN");

	private final Map<Department, ConfigurableApplicationContext> running = new EnumMap<>(Department.class);

	private final Map<Department, String> elsewhere = new EnumMap<>(Department.class);

	private final List<String> arguments;

	/**
	 * @param properties settings for every department, e.g. the simulation's time scale;
	 * given as command-line arguments, so they win over the services' own configuration
	 * files
	 */
	RunningBakery(String... properties) {
		this.arguments = Stream.concat(Stream.of("server.port=0"), Stream.of(properties))
			.map((property) -> "--" + property)
			.toList();
	}

	/**
	 * The bakery against another Kafka cluster than this JVM's broker; PostgreSQL stays
	 * this JVM's server.
	 * @param kafkaBootstrapServers where the cluster listens, as
	 * {@code host:port,host:port}
	 * @param properties settings for every department, as for the constructor
	 */
	static RunningBakery withKafka(String kafkaBootstrapServers, String... properties) {
		return new RunningBakery(Stream
			.concat(Stream.of(BakeryTestInfrastructure.KAFKA_BOOTSTRAP_SERVERS + "=" + kafkaBootstrapServers),
					Stream.of(properties))
			.toArray(String[]::new));
	}

	/** Starts the departments, counter first, so that each finds its readers ready. */
	RunningBakery startAll() {
		start(Department.SALES);
		start(Department.PACKAGING);
		start(Department.BAKEHOUSE);
		start(Department.CHECKOUT);
		return this;
	}

	/**
	 * Starts a department, with settings of its own (if any) on top of those every
	 * department gets.
	 */
	void start(Department department, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(department.application,
				BakeryTestInfrastructure.class)
			.properties(department.configName)
			.run(Stream.concat(this.arguments.stream(), Stream.of(properties).map((property) -> "--" + property))
				.toArray(String[]::new));
		this.running.put(department, context);
	}

	void stop(Department department) {
		ConfigurableApplicationContext context = this.running.remove(department);
		if (context != null) {
			context.close();
		}
	}

	/** One of a running department's beans, by its name. */
	<T> T bean(Department department, String name, Class<T> type) {
		return this.running.get(department).getBean(name, type);
	}

	RestClient http(Department department) {
		return RestClient.create(url(department));
	}

	/**
	 * A department that runs as a process of its own ({@link DepartmentProcess}), not in
	 * this JVM: the helpers below reach it at this address.
	 */
	void runsElsewhere(Department department, String url) {
		this.elsewhere.put(department, url);
	}

	/** Where a running department answers, e.g. {@code http://localhost:41234}. */
	String url(Department department) {
		if (this.elsewhere.containsKey(department)) {
			return this.elsewhere.get(department);
		}
		return "http://localhost:" + this.running.get(department).getEnvironment().getProperty("local.server.port");
	}

	/** Places an order at the till over HTTP and checks the till's answer. */
	UUID placeOrder(int number) {
		return placeOrder("Customer " + number,
				List.of(new OrderLine(PRODUCTS.get(number % PRODUCTS.size()), 1 + number % 13)));
	}

	/** Places an order of these lines at the till over HTTP and checks the answer. */
	UUID placeOrder(String customer, List<OrderLine> items) {
		ResponseEntity<JsonNode> response = http(Department.CHECKOUT).post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", customer, "items",
					items.stream()
						.map((line) -> Map.of("product", line.product().name(), "quantity", line.quantity()))
						.toList()))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("status").asString()).isEqualTo("PLACED");
		UUID orderId = UUID.fromString(response.getBody().get("orderId").asString());
		assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
		return orderId;
	}

	List<UUID> placeOrders(int count) {
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			placed.add(placeOrder(i));
		}
		return placed;
	}

	/** The ids of the orders that the counter lists as ready for pickup. */
	Set<UUID> readyForPickup() {
		JsonNode ready = http(Department.SALES).get()
			.uri("/orders?status=READY_FOR_PICKUP&limit=1000")
			.retrieve()
			.body(JsonNode.class);
		Set<UUID> ids = new HashSet<>();
		ready.forEach((order) -> ids.add(UUID.fromString(order.get("orderId").asString())));
		return ids;
	}

	JsonNode salesOrder(UUID orderId) {
		return http(Department.SALES).get().uri("/orders/{id}", orderId).retrieve().body(JsonNode.class);
	}

	/** Waits until the counter has every one of these orders ready for pickup. */
	void awaitReadyForPickup(List<UUID> orders, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(readyForPickup()).containsAll(orders));
	}

	/**
	 * Asserts that every order went through every step exactly once: its timeline at the
	 * counter is the whole flow in order, and each department wrote exactly one event per
	 * step per order, all of them published.
	 */
	void assertEachCompletedExactlyOnce(List<UUID> orders) {
		for (UUID orderId : orders) {
			// The counter reads four topics, and Kafka orders records within a partition
			// only: a step on bakery.baking-status may reach it after a later one on
			// bakery.packaging-status (say, when the broker comes back with both
			// waiting).
			// Its timeline is complete once every step has arrived.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode order = salesOrder(orderId);
				List<String> steps = new ArrayList<>();
				List<Instant> times = new ArrayList<>();
				order.get("timeline").forEach((step) -> {
					steps.add(step.get("status").asString());
					times.add(Instant.parse(step.get("at").asString()));
				});
				assertThat(steps).as("timeline of %s", orderId).startsWith(FLOW.toArray(String[]::new));
				assertThat(times).as("times of %s", orderId).isSorted();
			});
		}
		assertThat(publishedEventsPerOrder(Department.CHECKOUT, orders)).as("till events per order")
			.containsOnlyKeys(orders)
			.allSatisfy((id, events) -> assertThat(events).isEqualTo(1L));
		assertThat(publishedEventsPerOrder(Department.BAKEHOUSE, orders)).as("bake house events per order")
			.containsOnlyKeys(orders)
			.allSatisfy((id, events) -> assertThat(events).isEqualTo(2L));
		assertThat(publishedEventsPerOrder(Department.PACKAGING, orders)).as("packaging events per order")
			.containsOnlyKeys(orders)
			.allSatisfy((id, events) -> assertThat(events).isEqualTo(2L));
	}

	/**
	 * Prints the figures docs/reliability.md quotes, counted from what the services
	 * stored and the counter shows, as a {@code RELIABILITY} line.
	 */
	void report(String scenario, List<UUID> orders, long deadLettered) {
		long completed = readyForPickup().stream().filter(orders::contains).count();
		long duplicated = beyond(Department.CHECKOUT, orders, 1) + beyond(Department.BAKEHOUSE, orders, 2)
				+ beyond(Department.PACKAGING, orders, 2);
		System.out.printf("RELIABILITY %s: placed=%d completed=%d lost=%d duplicated=%d dead-lettered=%d%n", scenario,
				orders.size(), completed, orders.size() - completed, duplicated, deadLettered);
	}

	/** Events a department published beyond the expected number per order. */
	private static long beyond(Department department, List<UUID> orders, long expected) {
		return publishedEventsPerOrder(department, orders).values()
			.stream()
			.mapToLong((events) -> Math.max(0, events - expected))
			.sum();
	}

	/**
	 * How many published outbox events a department wrote per order, for these orders.
	 */
	static Map<UUID, Long> publishedEventsPerOrder(Department department, List<UUID> orders) {
		return database(department).sql("SELECT message_key FROM outbox WHERE published_at IS NOT NULL")
			.query(String.class)
			.list()
			.stream()
			.map(UUID::fromString)
			.filter(orders::contains)
			.collect(Collectors.groupingBy((id) -> id, Collectors.counting()));
	}

	/**
	 * A client on a department's own database, as the test's window into what it stored.
	 */
	static JdbcClient database(Department department) {
		Infrastructure infrastructure = Infrastructure.get();
		return JdbcClient.create(new DriverManagerDataSource(infrastructure.jdbcUrl(department.database),
				infrastructure.username(), infrastructure.password()));
	}

	@Override
	public void close() {
		for (Department department : List.of(Department.CHECKOUT, Department.BAKEHOUSE, Department.PACKAGING,
				Department.SALES)) {
			stop(department);
		}
	}

}
