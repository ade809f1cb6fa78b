package dev.bakery.board;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.bakery.events.Topics;
import dev.bakery.infrastructure.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The board application against the real broker: the consumer groups' lag and the cluster
 * as Kafka's admin API reports them, the lag over time as the curves show it, and what
 * open pages are sent. The departments here are stand-ins that answer the counter's and
 * the till's endpoints as they do (the real ones answer in BakeryBoardIT), so that a test
 * can move an order, or take the counter away, when it needs to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { BoardApplication.CONFIG_NAME,
		"bakery.board.lag-interval=200ms", "bakery.board.order-interval=200ms" })
class BoardTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	/** The counter, and apart from it the till, the bake house and packaging. */
	private static final StandIn counter = StandIn.open();

	private static final StandIn others = StandIn.open();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private BoardUpdates updates;

	@DynamicPropertySource
	static void pointTheBoardAtKafkaAndTheStandIn(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> Infrastructure.get().kafkaBootstrapServers());
		registry.add("bakery.board.counter-url", counter::url);
		for (String department : List.of("checkout", "bakehouse", "packaging")) {
			registry.add("bakery.board." + department + "-url", others::url);
		}
		createTheTopics();
	}

	@AfterAll
	static void closeTheStandIns() {
		counter.close();
		others.close();
	}

	@Test
	void servesThePageAtTheRoot() {
		String page = http().get().uri("/").retrieve().body(String.class);

		assertThat(page).contains("<title>Kafka in the Bakery: live board</title>", "board.js");
	}

	@Test
	void followsTheOrdersTheCounterMovesWithTheKafkaRecordAndTheTraceOfEachStepAndSendsThemToOpenPages() {
		UUID orderId = UUID.randomUUID();
		counter.order(orderId, "Dora", "PLACED", step("PLACED", "bakery.orders"));
		await().atMost(PATIENCE).until(() -> orderIn(snapshot().get("orders"), orderId).isPresent());
		List<ServerSentEvent> events = openBoard();

		// The counter read IN_OVEN before it read PLACED again (four listeners, four
		// topics): the
		// board fetches the order until its timeline misses no step.
		counter.order(orderId, "Dora", "IN_OVEN", step("IN_OVEN", "bakery.baking-status"));
		counter.order(orderId, "Dora", "IN_OVEN", step("PLACED", "bakery.orders"),
				step("IN_OVEN", "bakery.baking-status"));

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(events, orderId)).anySatisfy((moved) -> {
			assertThat(moved.get("order").get("status").asString()).isEqualTo("IN_OVEN");
			assertThat(moved.get("order").get("timeline").findValuesAsString("status")).containsExactly("PLACED",
					"IN_OVEN");
			assertThat(moved.get("counts").get("IN_OVEN").asLong()).isEqualTo(1);
		}));
		JsonNode order = orderIn(snapshot().get("orders"), orderId).orElseThrow();
		JsonNode inOven = order.get("timeline").get(1);
		assertThat(inOven.get("topic").asString()).isEqualTo("bakery.baking-status");
		assertThat(inOven.get("partition").asInt()).isEqualTo(3);
		assertThat(inOven.get("offset").asLong()).isEqualTo(17);
		assertThat(inOven.get("traceId").asString()).as("what the card links to Zipkin by").isEqualTo(TRACE_ID);
		assertThat(snapshot().get("menu").findValuesAsString("name")).containsExactly("Brezel");
	}

	@Test
	void keepsTheOrdersItKnowsAndSaysTheCounterIsAwayWhileItDoesNotAnswer() {
		UUID orderId = UUID.randomUUID();
		counter.order(orderId, "Emil", "PLACED", step("PLACED", "bakery.orders"));
		await().atMost(PATIENCE).until(() -> orderIn(snapshot().get("orders"), orderId).isPresent());
		assertThat(readinessOf("counter").get("state").asString()).isEqualTo("ready");

		counter.away(true);
		try {
			await().atMost(PATIENCE).untilAsserted(() -> {
				JsonNode counter = readinessOf("counter");
				assertThat(counter.get("state").asString()).isEqualTo("away");
				assertThat(counter.get("lastAnswered").asString()).isNotBlank();
			});
			assertThat(readinessOf("till").get("state").asString()).isEqualTo("ready");
			assertThat(orderIn(snapshot().get("orders"), orderId)).as("as the counter last told it").isPresent();
			JsonNode shelf = get("/board/shelf");
			assertThat(shelf.get("problem").asString()).isEqualTo("The counter (sales-service) does not answer");
		}
		finally {
			counter.away(false);
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(readinessOf("counter").get("state").asString()).isEqualTo("ready"));
	}

	@Test
	void reportsEachConsumerGroupsLagPerPartition() throws Exception {
		RecordMetadata placed = send(Topics.ORDERS);
		TopicPartition partition = new TopicPartition(placed.topic(), placed.partition());
		// No bake house runs here: the test commits for its group as if it had read up to
		// this record.
		commit("bakery", Map.of(partition, placed.offset()));

		JsonNode report = get("/board/lag");

		assertThat(report.get("problem").isNull()).isTrue();
		assertThat(report.get("groups").findValuesAsString("group")).containsExactly("bakery", "packaging", "sales");
		JsonNode bakery = report.get("groups").get(0);
		assertThat(bakery.get("topics").get(0).asString()).isEqualTo(Topics.ORDERS);
		assertThat(bakery.get("partitions")).hasSize(12);
		JsonNode waiting = partitionIn(bakery, partition);
		assertThat(waiting.get("committed").asLong()).isEqualTo(placed.offset());
		assertThat(waiting.get("end").asLong()).isGreaterThan(placed.offset());
		assertThat(waiting.get("lag").asLong())
			.isEqualTo(waiting.get("end").asLong() - waiting.get("committed").asLong());
		assertThat(waiting.get("owner").isNull()).as("no bake house runs").isTrue();
		assertThat(report.get("groups").get(2).get("partitions")).as("four topics of 12 partitions").hasSize(48);
	}

	@Test
	void showsTheCounterReadingTheLogWhileItsGroupLagsUntilItHasCaughtUp() throws Exception {
		send(Topics.SALES_STATUS);

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode replay = get("/board/lag").get("replay");
			assertThat(replay.get("caughtUpAt").isNull()).as("the counter is behind").isTrue();
			assertThat(replay.get("lag").asLong()).isPositive();
			assertThat(replay.get("read").asLong() + replay.get("lag").asLong())
				.isEqualTo(replay.get("stored").asLong());
		});

		commit(ConsumerGroups.COUNTER, endsOf(Topics.ALL));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode replay = get("/board/lag").get("replay");
			assertThat(replay.get("lag").asLong()).as("caught up").isZero();
			assertThat(replay.get("caughtUpAt").asString()).isNotBlank();
			assertThat(replay.get("read").asLong()).isEqualTo(replay.get("stored").asLong());
		});
	}

	@Test
	void reportsTheOneBrokerAsLeaderOfEveryPartitionAndTheActiveController() {
		JsonNode view = get("/board/cluster");

		assertThat(view.get("problem").isNull()).isTrue();
		JsonNode broker = view.get("brokers").get(0);
		assertThat(view.get("brokers")).hasSize(1);
		assertThat(broker.get("up").asBoolean()).isTrue();
		assertThat(broker.get("controller").asBoolean()).as("one node, broker and controller in one").isTrue();
		assertThat(broker.get("address").asString()).contains(":");
		assertThat(broker.get("outOfSync").asInt()).isZero();
		int id = broker.get("id").asInt();
		assertThat(view.get("controllers")).singleElement().satisfies((controller) -> {
			assertThat(controller.get("id").asInt()).isEqualTo(id);
			assertThat(controller.get("active").asBoolean()).isTrue();
			assertThat(controller.get("broker").asBoolean()).isTrue();
		});
		assertThat(view.get("topics").findValuesAsString("topic")).containsExactlyElementsOf(Topics.ALL);
		JsonNode orders = view.get("topics").get(0).get("partitions");
		assertThat(orders).hasSize(12).allSatisfy((partition) -> {
			assertThat(partition.get("leader").asInt()).isEqualTo(id);
			assertThat(partition.get("isr").get(0).asInt()).isEqualTo(id);
			assertThat(partition.get("underReplicated").asBoolean()).isFalse();
		});
		assertThat(broker.get("leads").asInt()).isEqualTo(Topics.ALL.size() * 12);
		assertThat(view.get("underReplicated").asInt()).isZero();
		assertThat(view.get("withoutLeader").asInt()).isZero();
		assertThat(view.get("waitingAtTill").asLong()).as("the till's metric").isEqualTo(2);
	}

	@Test
	void keepsThePackagingGroupsBacklogOverTimeAsFiguresCurvesAndMetrics() throws Exception {
		commit("packaging", endsOf(List.of(Topics.BAKING_STATUS)));
		await().atMost(PATIENCE).until(() -> lagOf("packaging") == 0);
		for (int i = 0; i < 3; i++) {
			send(Topics.BAKING_STATUS);
		}
		await().atMost(PATIENCE).until(() -> lagOf("packaging") == 3);
		commit("packaging", endsOf(List.of(Topics.BAKING_STATUS)));
		await().atMost(PATIENCE).until(() -> lagOf("packaging") == 0);

		JsonNode looks = get("/board/figures").get("looks");
		List<Long> lag = looks.valueStream()
			.map((look) -> look.get("groups").get(1))
			.filter((group) -> group.get("group").asString().equals("packaging"))
			.map((group) -> group.get("lag").asLong())
			.toList();
		assertThat(lag).as("the backlog rose and drained").containsSubsequence(0L, 3L, 0L);
		String curves = http().get().uri("/board/curves?minutes=1").retrieve().body(String.class);
		assertThat(curves).startsWith("The consumer groups over the last minute, a mark per 2 s")
			.containsPattern("packaging  lag  [▁▂▃▄▅▆▇█·]{30}  most 3 at \\d\\d:\\d\\d:\\d\\d, now 0\n")
			.containsPattern("\n {10} read [▁▂▃▄▅▆▇█·]{30}  most \\d+\\.\\d/s at ");
		String metrics = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(metrics).containsPattern("\nbakery_group_lag_records\\{[^}]*group=\"packaging\"[^}]*} 0\\.0\n")
			.containsPattern("\nbakery_group_position_records_total\\{[^}]*group=\"packaging\"")
			.containsPattern("\nbakery_group_written_records_total\\{[^}]*group=\"packaging\"");
	}

	@Test
	void showsTheShelfAsTheCounterAnswersItOrWhyItCannot() {
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode shelf = get("/board/shelf");
			assertThat(shelf.get("problem").isNull()).isTrue();
			assertThat(shelf.get("counts").get("READY_FOR_PICKUP").asLong()).isEqualTo(4);
			assertThat(shelf.get("minutes")).hasSize(10);
			assertThat(shelf.get("latest").findValuesAsString("status")).containsExactly("READY_FOR_PICKUP");
		});

		counter.answer("/shelf/counts", 503, """
				{"title":"Shelf not ready","status":503,"detail":"The shelf's store 'shelf' is being restored"}""");
		try {
			assertThat(get("/board/shelf").get("problem").asString())
				.isEqualTo("The shelf's store 'shelf' is being restored");
		}
		finally {
			counter.answer("/shelf/counts", 200, SHELF_COUNTS);
		}
	}

	@Test
	void passesAHandOverOnToTheCounterAndAnswersAsItDid() {
		UUID orderId = UUID.randomUUID();
		counter.answer("/orders/" + orderId + "/pickup", 409, """
				{"title":"Order not ready for pickup","status":409}""");

		String problem = http().post()
			.uri("/board/orders/{id}/pickup", orderId)
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ response.getHeaders().getContentType() + " " + response.bodyTo(String.class));

		assertThat(problem).startsWith("409 application/problem+json").contains("Order not ready for pickup");
	}

	@Test
	void sendsTheLagTheFiguresTheClusterTheShelfAndTheDepartmentsToOpenPagesEveryFewSeconds() {
		List<ServerSentEvent> events = openBoard();

		await().atMost(PATIENCE).untilAsserted(() -> {
			for (String name : List.of("lag", "figures", "cluster", "shelf", "menu", "departments")) {
				assertThat(events).as(name)
					.filteredOn((event) -> event.name().equals(name))
					.hasSizeGreaterThanOrEqualTo(2);
			}
			assertThat(events).filteredOn((event) -> event.name().equals("figures"))
				.allSatisfy((event) -> assertThat(this.json.readTree(event.data()).get("groups")).hasSize(3));
			assertThat(events).filteredOn((event) -> event.name().equals("departments"))
				.allSatisfy((event) -> assertThat(this.json.readTree(event.data()).findValuesAsString("department"))
					.containsExactly("till", "bakehouse", "packaging", "counter"));
		});
	}

	// --- helpers
	// ---------------------------------------------------------------------------------------------------

	private static final String SHELF_COUNTS = """
			{"PLACED":0,"IN_OVEN":0,"BAKED":0,"PACKING":0,"READY_FOR_PICKUP":4}""";

	private static String step(String status, String topic) {
		return """
				{"status":"%s","department":"x","at":"%s","station":"test","topic":"%s","partition":3,"offset":17,
				 "traceId":"%s"}""".formatted(status, Instant.now(), topic, TRACE_ID);
	}

	private JsonNode get(String path) {
		return this.json.readTree(http().get().uri(path).retrieve().body(String.class));
	}

	private JsonNode snapshot() {
		return get("/board/snapshot");
	}

	private JsonNode readinessOf(String department) {
		return get("/board/departments").valueStream()
			.filter((readiness) -> readiness.get("department").asString().equals(department))
			.findFirst()
			.orElseThrow();
	}

	private long lagOf(String group) {
		return get("/board/lag").get("groups")
			.valueStream()
			.filter((lag) -> lag.get("group").asString().equals(group))
			.findFirst()
			.orElseThrow()
			.get("total")
			.asLong();
	}

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

	/**
	 * Opens the board's event stream as a browser's EventSource would, collecting what
	 * arrives.
	 */
	private List<ServerSentEvent> openBoard() {
		List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/board/events"))
			.header("Accept", "text/event-stream")
			.build();
		HttpClient.newHttpClient()
			.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.thenAccept((response) -> ServerSentEvent.parse(response.body(), events::add));
		await().atMost(PATIENCE).until(this.updates::watched);
		return events;
	}

	private List<JsonNode> orderEvents(List<ServerSentEvent> events, UUID orderId) {
		return events.stream()
			.filter((event) -> event.name().equals("order"))
			.map((event) -> this.json.readTree(event.data()))
			.filter((moved) -> moved.get("order").get("orderId").asString().equals(orderId.toString()))
			.toList();
	}

	private static Optional<JsonNode> orderIn(JsonNode orders, UUID orderId) {
		return orders.valueStream()
			.filter((order) -> order.get("orderId").asString().equals(orderId.toString()))
			.findFirst();
	}

	private static JsonNode partitionIn(JsonNode group, TopicPartition partition) {
		return group.get("partitions")
			.valueStream()
			.filter((lag) -> lag.get("topic").asString().equals(partition.topic())
					&& lag.get("partition").asInt() == partition.partition())
			.findFirst()
			.orElseThrow(() -> new AssertionError(group.get("group") + " has no " + partition));
	}

	private static Admin admin() {
		return Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()));
	}

	/** The bakery's topics, as the departments declare them: the broker's partitions. */
	private static void createTheTopics() {
		try (Admin admin = admin()) {
			for (String topic : Topics.ALL) {
				try {
					admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
				}
				catch (Exception ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
	}

	private static RecordMetadata send(String topic) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			return producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), "{}")).get();
		}
	}

	private static Map<TopicPartition, Long> endsOf(List<String> topics) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((info) -> new TopicPartition(topic.name(), info.partition())))
				.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
			return admin.listOffsets(latest)
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

	/** Commits for a group that no member of runs here, as if it had read so far. */
	private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
		try (Admin admin = admin()) {
			admin
				.alterConsumerGroupOffsets(group,
						offsets.entrySet()
							.stream()
							.collect(Collectors.toMap(Map.Entry::getKey,
									(entry) -> new OffsetAndMetadata(entry.getValue()))))
				.all()
				.get();
		}
	}

	/** One server-sent event: its name and its data line. */
	record ServerSentEvent(String name, String data) {

		static void parse(Stream<String> lines, Consumer<ServerSentEvent> events) {
			String[] name = { "message" };
			lines.forEach((line) -> {
				if (line.startsWith("event:")) {
					name[0] = line.substring("event:".length()).trim();
				}
				else if (line.startsWith("data:")) {
					events.accept(new ServerSentEvent(name[0], line.substring("data:".length())));
				}
				else if (line.isEmpty()) {
					name[0] = "message";
				}
			});
		}

	}

	/**
	 * The departments' endpoints the board reads, answered as the till and the counter
	 * answer them, from what the test gives it; taken away, it answers nothing (its
	 * connections are closed at once, as by a stopped process).
	 */
	static final class StandIn {

		private final HttpServer server;

		private final Map<String, Answer> answers = new ConcurrentHashMap<>();

		private final Map<UUID, String> orders = new ConcurrentHashMap<>();

		private final Map<UUID, String> statuses = new ConcurrentHashMap<>();

		private final Map<UUID, Instant> moved = new ConcurrentHashMap<>();

		private volatile boolean away;

		private StandIn(HttpServer server) {
			this.server = server;
		}

		static StandIn open() {
			try {
				StandIn standIn = new StandIn(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
				standIn.server.createContext("/", standIn::answer);
				standIn.server.start();
				standIn.answer("/menu", 200, """
						[{"product":"BREZEL","name":"Brezel","priceInCents":90,"bakeTimeSeconds":40}]""");
				standIn.answer("/actuator/metrics/bakery.outbox.waiting", 200, """
						{"name":"bakery.outbox.waiting","measurements":[{"statistic":"VALUE","value":2.0}]}""");
				standIn.answer("/actuator/health/readiness", 200, """
						{"status":"UP","components":{"db":{"status":"UP"},"kafka":{"status":"UP"}}}""");
				standIn.answer("/shelf/counts", 200, SHELF_COUNTS);
				standIn.answer("/shelf", 200, """
						[{"orderId":"%s","status":"READY_FOR_PICKUP","at":"2026-05-01T06:00:00Z"}]"""
					.formatted(UUID.randomUUID()));
				standIn.answer("/shelf/baked-per-minute", 200, "[]");
				return standIn;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String url() {
			return "http://localhost:" + this.server.getAddress().getPort();
		}

		void answer(String path, int status, String body) {
			this.answers.put(path, new Answer(status, body));
		}

		/** The counter has an order with these steps, and it moved now. */
		void order(UUID orderId, String customer, String status, String... timeline) {
			Instant now = Instant.now();
			this.orders.put(orderId, """
					{"orderId":"%s","customer":"%s","status":"%s","updatedAt":"%s","timeline":[%s]}"""
				.formatted(orderId, customer, status, now, String.join(",", timeline)));
			this.statuses.put(orderId, status);
			this.moved.put(orderId, now);
		}

		/** Stops answering (as a stopped process: no answer at all), or answers again. */
		void away(boolean away) {
			this.away = away;
		}

		void close() {
			this.server.stop(0);
		}

		private void answer(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			if (this.away) {
				// No answer at all: the connection ends, as with a process that is gone.
				exchange.close();
				return;
			}
			Answer answer = switch (path) {
				case "/orders" -> new Answer(200,
						"[" + this.moved.entrySet()
							.stream()
							.sorted(Map.Entry.<UUID, Instant>comparingByValue().reversed())
							.map((order) -> """
									{"orderId":"%s","status":"%s","updatedAt":"%s"}""".formatted(order.getKey(),
									this.statuses.get(order.getKey()), order.getValue()))
							.collect(Collectors.joining(",")) + "]");
				case "/orders/counts" -> new Answer(200, counts());
				default -> path.startsWith("/orders/") && !path.endsWith("/pickup")
						? Optional.ofNullable(this.orders.get(UUID.fromString(path.substring("/orders/".length()))))
							.map((order) -> new Answer(200, order))
							.orElse(new Answer(404, "{\"title\":\"Order not found\",\"status\":404}"))
						: this.answers.getOrDefault(path, new Answer(404, "{\"status\":404}"));
			};
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", (answer.status() >= 400) ? "application/problem+json" : "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		}

		private String counts() {
			Map<String, Long> byStatus = this.statuses.values()
				.stream()
				.collect(Collectors.groupingBy((status) -> status, Collectors.counting()));
			return Stream.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP", "HANDED_OVER")
				.map((status) -> "\"" + status + "\":" + byStatus.getOrDefault(status, 0L))
				.collect(Collectors.joining(",", "{", "}"));
		}

		private record Answer(int status, String body) {
		}

	}

}
