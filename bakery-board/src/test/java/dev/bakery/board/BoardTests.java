package dev.bakery.sales.board;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live board against the real broker and database: what a page gets when it opens,
 * what it is sent when an order moves, the consumer groups' lag and the cluster as
 * Kafka's admin API reports them, and the shelf as the counter's Kafka Streams topology
 * holds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { SalesApplication.CONFIG_NAME, "bakery.board.lag-interval=200ms" })
@Import(BakeryTestInfrastructure.class)
// Its listeners join the consumer group 'sales'; a context left running would take
// partitions from the next one.
@DirtiesContext
class BoardTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("BREZEL", 2));

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private BoardUpdates updates;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Test
	void servesThePageAtTheRoot() {
		String page = http().get().uri("/").retrieve().body(String.class);

		assertThat(page).contains("<title>Kafka in the Bakery: live board</title>", "board.js");
	}

	@Test
	void offersWhatTheBakeHousesOfferOnTheMenu() throws Exception {
		ProductOffered offer = new ProductOffered("ZIMTSCHNECKE", "Zimtschnecke", 180, 20, Instant.now(),
				"bakery-service@new");
		this.kafka.send(Topics.MENU, offer.product(), offer).get();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					this.json.readTree(http().get().uri("/board/snapshot").retrieve().body(String.class))
						.get("menu")
						.findValuesAsString("name"))
				.contains("Zimtschnecke"));
	}

	@Test
	void showsRecentOrdersWithTheKafkaRecordBehindEachStepWhenItOpens() throws Exception {
		UUID orderId = UUID.randomUUID();
		RecordMetadata placed = send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "Clara", ITEMS, Instant.now()));
		await().atMost(PATIENCE).until(() -> status(orderId), "PLACED"::equals);

		JsonNode snapshot = this.json.readTree(http().get().uri("/board/snapshot").retrieve().body(String.class));

		assertThat(snapshot.get("instance").asString()).startsWith("sales-service@");
		assertThat(snapshot.get("counts").get("PLACED").asLong()).isPositive();
		JsonNode order = orderIn(snapshot.get("orders"), orderId);
		assertThat(order.get("customer").asString()).isEqualTo("Clara");
		JsonNode step = order.get("timeline").get(0);
		assertThat(step.get("status").asString()).isEqualTo("PLACED");
		assertThat(step.get("topic").asString()).isEqualTo(Topics.ORDERS);
		assertThat(step.get("partition").asInt()).isEqualTo(placed.partition());
		assertThat(step.get("offset").asLong()).isEqualTo(placed.offset());
	}

	@Test
	void sendsAnOrderThatMovesToEveryOpenBoard() throws Exception {
		UUID orderId = UUID.randomUUID();
		Instant now = Instant.now();
		send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "Dora", ITEMS, now));
		send(Topics.BAKING_STATUS, orderId,
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN, ITEMS, now, "oven-test"));
		send(Topics.BAKING_STATUS, orderId,
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.BAKED, ITEMS, now, "oven-test"));
		send(Topics.PACKAGING_STATUS, orderId,
				new PackagingStatusChanged(orderId, PackagingStatusChanged.Status.PACKING, now, "table-test"));
		RecordMetadata packed = send(Topics.PACKAGING_STATUS, orderId,
				new PackagingStatusChanged(orderId, PackagingStatusChanged.Status.PACKED, now, "table-test"));
		await().atMost(PATIENCE).until(() -> status(orderId), "READY_FOR_PICKUP"::equals);
		List<ServerSentEvent> events = openBoard();

		http().post().uri("/orders/{id}/pickup", orderId).retrieve().toBodilessEntity();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(orderEvents(events, orderId)).anySatisfy(
					(moved) -> assertThat(moved.get("order").get("status").asString()).isEqualTo("HANDED_OVER")));
		JsonNode moved = orderEvents(events, orderId).stream()
			.filter((event) -> event.get("order").get("status").asString().equals("HANDED_OVER"))
			.findFirst()
			.orElseThrow();
		assertThat(moved.get("counts").get("HANDED_OVER").asLong()).isPositive();
		JsonNode timeline = moved.get("order").get("timeline");
		assertThat(timeline.findValuesAsString("status")).containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING",
				"READY_FOR_PICKUP", "HANDED_OVER");
		JsonNode ready = timeline.get(4);
		assertThat(ready.get("topic").asString()).isEqualTo(Topics.PACKAGING_STATUS);
		assertThat(ready.get("partition").asInt()).isEqualTo(packed.partition());
		assertThat(ready.get("offset").asLong()).isEqualTo(packed.offset());
		assertThat(ready.get("station").asString()).isEqualTo("table-test");
		assertThat(timeline.get(5).get("topic").isNull()).as("the hand-over is no Kafka record").isTrue();
	}

	@Test
	void reportsEachConsumerGroupsLagPerPartition() throws Exception {
		UUID orderId = UUID.randomUUID();
		RecordMetadata placed = send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "Emil", ITEMS, Instant.now()));
		TopicPartition partition = new TopicPartition(placed.topic(), placed.partition());
		// The bake house does not run here: the test commits for its group as if it had
		// read up to this order.
		commit("bakery", partition, placed.offset());

		JsonNode report = this.json.readTree(http().get().uri("/board/lag").retrieve().body(String.class));

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
		JsonNode sales = report.get("groups").get(2);
		assertThat(sales.get("partitions")).as("four topics of 12 partitions").hasSize(48);
		assertThat(sales.get("members")).isNotEmpty();
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode now = this.json.readTree(http().get().uri("/board/lag").retrieve().body(String.class));
			JsonNode counter = partitionIn(now.get("groups").get(2), partition);
			assertThat(counter.get("committed").asLong()).as("the counter read the order")
				.isGreaterThan(placed.offset());
			assertThat(counter.get("owner").asString()).isNotBlank();
		});
	}

	@Test
	void showsTheCounterReadingTheLogWhileItsGroupLagsAndTheMembersThatLeftAndCameBack() throws Exception {
		List<MessageListenerContainer> counter = this.listeners.getListenerContainers()
			.stream()
			.filter((container) -> ConsumerGroups.COUNTER.equals(container.getGroupId()))
			.toList();
		assertThat(counter).as("the counter's listeners").isNotEmpty();
		UUID orderId = UUID.randomUUID();
		// The board looks while someone asks: once with the counter's members in the
		// group, and again after they left.
		await().atMost(PATIENCE).until(() -> lag().get("groups").get(2).get("members").size() == counter.size());
		counter.forEach(MessageListenerContainer::stop);
		try {
			await().atMost(PATIENCE).until(() -> lag().get("groups").get(2).get("members").isEmpty());
			send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "Gerd", ITEMS, Instant.now()));

			await().atMost(PATIENCE).untilAsserted(() -> {
				JsonNode replay = lag().get("replay");
				assertThat(replay.get("caughtUpAt").isNull()).as("the counter is behind").isTrue();
				assertThat(replay.get("lag").asLong()).isPositive();
				assertThat(replay.get("read").asLong() + replay.get("lag").asLong())
					.isEqualTo(replay.get("stored").asLong());
			});
			// Each listener's consumer left on its own: the last to leave left none.
			JsonNode left = lag().get("groups").get(2).get("rebalances").get(0);
			assertThat(left.get("before").findValuesAsString("clientId")).isNotEmpty();
			assertThat(left.get("after")).isEmpty();
		}
		finally {
			counter.forEach(MessageListenerContainer::start);
		}

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode report = lag();
			JsonNode replay = report.get("replay");
			assertThat(replay.get("lag").asLong()).as("caught up").isZero();
			assertThat(replay.get("caughtUpAt").asString()).isNotBlank();
			assertThat(replay.get("read").asLong()).isEqualTo(replay.get("stored").asLong());
			JsonNode back = report.get("groups").get(2).get("rebalances").get(0);
			assertThat(back.get("after")).hasSize(counter.size());
			assertThat(back.get("before").size()).isLessThan(counter.size());
		});
		assertThat(status(orderId)).isEqualTo("PLACED");
	}

	@Test
	void reportsTheOneBrokerAsLeaderOfEveryPartitionAndTheActiveController() {
		JsonNode view = this.json.readTree(http().get().uri("/board/cluster").retrieve().body(String.class));

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
	}

	@Test
	void showsAnOrderPlacedThroughTheTopicsOnTheShelfAsTheKafkaStreamsKTableHoldsIt() throws Exception {
		UUID orderId = UUID.randomUUID();
		Instant now = Instant.now();
		send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "Fritz", ITEMS, now));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode shelf = shelf();
			assertThat(shelf.get("problem").isNull()).as("the shelf's stores are ready").isTrue();
			assertThat(shelf.get("latest").findValuesAsString("orderId")).contains(orderId.toString());
			assertThat(orderIn(shelf.get("latest"), orderId).get("status").asString()).isEqualTo("PLACED");
			assertThat(shelf.get("counts").get("PLACED").asLong()).isPositive();
		});

		send(Topics.BAKING_STATUS, orderId,
				new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN, ITEMS, now, "oven-test"));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode shelf = shelf();
			assertThat(orderIn(shelf.get("latest"), orderId).get("status").asString()).isEqualTo("IN_OVEN");
			assertThat(shelf.get("counts").get("IN_OVEN").asLong()).isPositive();
			assertThat(shelf.get("counts").propertyNames()).as("a handed-over order is no longer on the shelf")
				.containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");
		});
	}

	@Test
	void countsThePiecesBakedPerProductInTheMinuteTheOvenSays() throws Exception {
		// No other test bakes croissants, so the count grows by this test's alone.
		String croissant = "CROISSANT";
		Instant at = Instant.now();
		Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
		await().atMost(PATIENCE).until(() -> shelf().get("problem").isNull());
		long before = piecesIn(shelf(), minute, croissant);
		UUID orderId = UUID.randomUUID();

		send(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId, BakingStatusChanged.Status.BAKED,
				List.of(new OrderLine("CROISSANT", 5)), at, "oven-test"));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode shelf = shelf();
			assertThat(shelf.get("minutes").values()).hasSize(10)
				.extracting(JsonNode::asString)
				.contains(minute.toString());
			assertThat(piecesIn(shelf, minute, croissant)).isEqualTo(before + 5);
		});
	}

	@Test
	void sendsTheLagTheClusterAndTheShelfToOpenBoardsEveryFewSeconds() {
		List<ServerSentEvent> events = openBoard();

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(events).filteredOn((event) -> event.name().equals("lag"))
				.hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((event) -> assertThat(this.json.readTree(event.data()).get("groups")).hasSize(3));
			assertThat(events).filteredOn((event) -> event.name().equals("cluster"))
				.hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((event) -> assertThat(this.json.readTree(event.data()).get("brokers")).hasSize(1));
			assertThat(events).filteredOn((event) -> event.name().equals("shelf"))
				.hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((event) -> assertThat(this.json.readTree(event.data()).get("minutes")).hasSize(10));
		});
	}

	private RecordMetadata send(String topic, UUID orderId, Object event) throws Exception {
		return this.kafka.send(topic, orderId.toString(), event).get().getRecordMetadata();
	}

	private String status(UUID orderId) {
		return http().get()
			.uri("/orders/{id}", orderId)
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful()
					? this.json.readTree(response.getBody()).get("status").asString() : null);
	}

	private JsonNode lag() {
		return this.json.readTree(http().get().uri("/board/lag").retrieve().body(String.class));
	}

	private JsonNode shelf() {
		return this.json.readTree(http().get().uri("/board/shelf").retrieve().body(String.class));
	}

	private static long piecesIn(JsonNode shelf, Instant minute, String product) {
		for (JsonNode baked : shelf.get("bakedPerMinute")) {
			if (baked.get("minute").asString().equals(minute.toString())
					&& baked.get("product").asString().equals(product)) {
				return baked.get("pieces").asLong();
			}
		}
		return 0;
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

	private static JsonNode orderIn(JsonNode orders, UUID orderId) {
		for (JsonNode order : orders) {
			if (order.get("orderId").asString().equals(orderId.toString())) {
				return order;
			}
		}
		throw new AssertionError("Order " + orderId + " is not on the board");
	}

	private static JsonNode partitionIn(JsonNode group, TopicPartition partition) {
		for (JsonNode lag : group.get("partitions")) {
			if (lag.get("topic").asString().equals(partition.topic())
					&& lag.get("partition").asInt() == partition.partition()) {
				return lag;
			}
		}
		throw new AssertionError(group.get("group") + " has no " + partition);
	}

	private static void commit(String group, TopicPartition partition, long offset) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()))) {
			admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset))).all().get();
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

}
