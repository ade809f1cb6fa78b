package dev.bakery.checkout;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.ApiDescriptions;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.platform.menu.MenuTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The till against a real Kafka broker and a real PostgreSQL server: an order in over
 * HTTP, a row in the till's database, and one {@code OrderPlaced} record out on
 * {@code bakery.orders}, read back with a plain consumer. A bake house's menu is on
 * {@code bakery.menu} before each test, as it is in the bakery.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = CheckoutApplication.CONFIG_NAME)
@Import(BakeryTestInfrastructure.class)
@AutoConfigureRestTestClient
class CheckoutIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient http;

	@Autowired
	private JdbcClient database;

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private MenuTable menu;

	@Autowired
	private MeterRegistry meters;

	@Value("${bakery.database}")
	private String databaseName;

	/** A bake house's menu, as it offers it when it starts. */
	@BeforeEach
	void offerTheSixProducts() throws Exception {
		for (ProductOffered offer : TheSixProducts.OFFERS) {
			this.kafka.send(Topics.MENU, offer.product(), offer).get();
		}
		assertThat(this.menu.readToTheEnd(Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void sellsAProductOnceABakeHouseOffersIt() throws Exception {
		String product = "ZIMTSCHNECKE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String order = """
				{"customer":"Lena","items":[{"product":"%s","quantity":2}]}""".formatted(product);
		post(order).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].product");

		this.kafka
			.send(Topics.MENU, product,
					new ProductOffered(product, "Zimtschnecke", 180, 20, Instant.now(), "bakery-service@new"))
			.get();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.get()
				.uri("/menu")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.product == '%s')].name".formatted(product))
				.isEqualTo(List.of("Zimtschnecke")));
		try {
			JsonNode placed = place(null, order);
			assertThat(placed.get("items").toString()).isEqualTo("""
					[{"product":"%s","quantity":2}]""".formatted(product));
		}
		finally {
			// Off the menu again (a tombstone), so that the other tests see the six.
			this.kafka.send(Topics.MENU, product, null).get();
			assertThat(this.menu.readToTheEnd(Duration.ofSeconds(30))).isTrue();
		}
	}

	@Test
	void isReadyOnceABakeHouseHasOfferedItsMenu() {
		this.http.get()
			.uri("/actuator/health/menu")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.details.products")
			.value((products) -> assertThat(products.toString()).contains("BREZEL", "APFELSTRUDEL"));
		this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.menu.status")
			.isEqualTo("UP")
			.jsonPath("$.components.db.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka.status")
			.isEqualTo("UP");
		// Alive whatever it waits for: a broker away makes the till unready, not dead.
		this.http.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka")
			.doesNotExist()
			.jsonPath("$.components.db")
			.doesNotExist();
	}

	@Test
	void storesAnOrderAndPublishesOrderPlacedKeyedByItsId() {
		JsonNode placed = place(null, """
				{"customer":"Anna",
				 "items":[{"product":"BREZEL","quantity":3},{"product":"CROISSANT","quantity":1}]}""");
		UUID orderId = UUID.fromString(placed.get("orderId").asString());
		assertThat(placed.get("status").asString()).isEqualTo("PLACED");

		assertThat(this.database.sql("SELECT customer, status FROM orders WHERE id = :id")
			.param("id", orderId)
			.query()
			.singleRow()).containsEntry("customer", "Anna").containsEntry("status", "PLACED");
		assertThat(this.database
			.sql("SELECT product || ' x' || quantity FROM order_lines WHERE order_id = :id" + " ORDER BY line_no")
			.param("id", orderId)
			.query(String.class)
			.list()).containsExactly("BREZEL x3", "CROISSANT x1");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(recordsOnTheOrdersTopic(orderId)).singleElement().satisfies((record) -> {
				assertThat(record.key()).isEqualTo(orderId.toString());
				assertThat(record.headers().lastHeader("__TypeId__").value()).asString(StandardCharsets.UTF_8)
					.isEqualTo("OrderPlaced");
				JsonNode event = json.readTree(record.value());
				assertThat(event.get("orderId").asString()).isEqualTo(orderId.toString());
				assertThat(event.get("customer").asString()).isEqualTo("Anna");
				assertThat(event.get("items").toString()).isEqualTo("""
						[{"product":"BREZEL","quantity":3},{"product":"CROISSANT","quantity":1}]""");
				assertThat(Instant.parse(event.get("placedAt").asString()))
					.isEqualTo(Instant.parse(placed.get("placedAt").asString()));
			}));
	}

	@Test
	void findsAPlacedOrderById() {
		JsonNode placed = place(null, """
				{"customer":"Ben","items":[{"product":"ROGGENBROT","quantity":1}]}""");

		this.http.get()
			.uri("/orders/{id}", placed.get("orderId").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json(placed.toString());
	}

	@Test
	void answersAnUnknownOrderWithNotFoundProblem() {
		this.http.get()
			.uri("/orders/{id}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Order not found");
	}

	@Test
	void answersARetryWithTheSameIdempotencyKeyWithTheOriginalOrderAndCreatesNothingNew() {
		String key = "till-2-receipt-" + UUID.randomUUID();
		String order = """
				{"customer":"Clara","items":[{"product":"BROETCHEN","quantity":6}]}""";
		double placedBefore = this.meters.get("bakery.orders.placed").counter().count();
		JsonNode first = place(key, order);
		UUID orderId = UUID.fromString(first.get("orderId").asString());

		JsonNode retry = this.http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.body(order)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/orders/" + orderId)
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(retry).isEqualTo(first);
		assertThat(ordersWithKey(key)).isOne();
		assertThat(this.meters.get("bakery.orders.placed").counter().count()).as("the till's meter: one order taken")
			.isEqualTo(placedBefore + 1);
		assertThat(outboxEventsFor(orderId)).isOne();
		awaitPublished(orderId);
		assertThat(recordsOnTheOrdersTopic(orderId)).hasSize(1);
	}

	@Test
	void placesOneOrderWhenRetriesWithOneIdempotencyKeyRaceEachOther() throws Exception {
		String key = "till-3-receipt-" + UUID.randomUUID();
		String order = """
				{"customer":"Deniz","items":[{"product":"LAUGENSTANGE","quantity":2}]}""";
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<CompletableFuture<JsonNode>> retries = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> place(key, order), clients))
				.toList();
			List<String> orderIds = new ArrayList<>();
			for (CompletableFuture<JsonNode> retry : retries) {
				orderIds.add(retry.get().get("orderId").asString());
			}
			assertThat(orderIds).containsOnly(orderIds.get(0));
			assertThat(ordersWithKey(key)).isOne();
			assertThat(outboxEventsFor(UUID.fromString(orderIds.get(0)))).isOne();
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void refusesTheSameIdempotencyKeyForADifferentOrderAndStoresNothing() {
		String key = "till-4-receipt-" + UUID.randomUUID();
		JsonNode first = place(key, """
				{"customer":"Emil","items":[{"product":"APFELSTRUDEL","quantity":1}]}""");

		assertNothingStoredBy(() -> this.http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.body("""
					{"customer":"Emil","items":[{"product":"APFELSTRUDEL","quantity":2}]}""")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Idempotency key reused"));

		this.http.get()
			.uri("/orders/{id}", first.get("orderId").asString())
			.exchange()
			.expectBody()
			.json(first.toString());
	}

	@Test
	void storesAndPublishesNothingForMalformedJson() {
		assertNothingStoredBy(() -> post("{\"customer\":\"Fatma\",\"items\":[").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Malformed JSON"));
	}

	@Test
	void storesAndPublishesNothingForAProductNotOnTheMenu() {
		assertNothingStoredBy(() -> post("""
				{"customer":"Greta","items":[{"product":"BREZEL","quantity":1},{"product":"PIZZA","quantity":1}]}""")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[1].product"));
	}

	@Test
	void storesAndPublishesNothingForAQuantityAboveTheLimit() {
		assertNothingStoredBy(() -> post("""
				{"customer":"Hannes","items":[{"product":"BREZEL","quantity":51}]}""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].quantity"));
	}

	@Test
	void storesAndPublishesNothingForABodyThatIsNotJson() {
		assertNothingStoredBy(() -> this.http.post()
			.uri("/orders")
			.contentType(MediaType.TEXT_PLAIN)
			.body("2 Brezeln for Ida")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void storesAndPublishesNothingForAnOversizedBody() {
		String padded = """
				{"customer":"Jonas","items":[{"product":"BREZEL","quantity":1}]}""" + " ".repeat(16 * 1024);
		assertNothingStoredBy(() -> post(padded).expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Request too large"));
	}

	@Test
	void refusesAnOversizedBodyWhoseLengthWasNotAnnounced() {
		// Streamed without Content-Length (chunked): the till stops reading once the
		// limit is passed.
		byte[] padded = ("""
				{"customer":"Kemal","items":[{"product":"BREZEL","quantity":1}]}""" + " ".repeat(32 * 1024))
			.getBytes(StandardCharsets.UTF_8);
		assertNothingStoredBy(() -> {
			HttpResponse<String> response = sendChunked(padded);
			assertThat(response.statusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"title\":\"Request too large\"");
		});
	}

	@Test
	void describesEveryEndpointInSwaggerUi(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mvc) {
		JsonNode description = this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		ApiDescriptions.assertDescribesEveryEndpoint(description, mvc);
		assertThat(description.at("/info/title").asString()).isEqualTo("The till (checkout-service)");
		JsonNode answered = post("""
				{"customer":"Anna","items":[{"product":"PIZZA","quantity":0}]}""").expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(answered).as("the documented example of an invalid order is what the till answers")
			.isEqualTo(description.at("/paths/~1orders/post/responses/400/content/application~1problem+json"
					+ "/examples/Invalid order/value"));
		this.http.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/swagger-ui/index.html");
	}

	/**
	 * While its database is away the till answers a 503 problem at once (not after the
	 * pool's 30 s), with {@code Retry-After}, and takes orders again, without a restart,
	 * once it is back.
	 */
	@Test
	void answersA503ProblemAtOnceWhileItsDatabaseIsAwayAndTakesOrdersAgainWhenItIsBack() {
		String order = """
				{"customer":"Dora","items":[{"product":"BREZEL","quantity":1}]}""";
		Infrastructure infrastructure = Infrastructure.get();
		infrastructure.administer("ALTER DATABASE " + this.databaseName + " WITH ALLOW_CONNECTIONS false");
		infrastructure.administer(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.databaseName + "'");
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				long started = System.nanoTime();
				post(order).expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectHeader()
					.valueEquals("Retry-After", "5")
					.expectBody()
					.jsonPath("$.title")
					.isEqualTo("Database unavailable");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to answer")
					.isLessThan(Duration.ofSeconds(4));
			}
		}
		finally {
			infrastructure.administer("ALTER DATABASE " + this.databaseName + " WITH ALLOW_CONNECTIONS true");
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(order).expectStatus().isCreated());
	}

	private JsonNode place(String idempotencyKey, String order) {
		RestTestClient.RequestBodySpec request = this.http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		EntityExchangeResult<JsonNode> result = request.body(order)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult();
		JsonNode placed = result.getResponseBody();
		assertThat(result.getResponseHeaders().getLocation())
			.hasToString("/orders/" + placed.get("orderId").asString());
		return placed;
	}

	private RestTestClient.ResponseSpec post(String body) {
		return this.http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	private HttpResponse<String> sendChunked(byte[] body) {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders"))
				.header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request is answered, and neither an order nor an event was stored for it. */
	private void assertNothingStoredBy(Runnable request) {
		long orders = count("orders");
		long lines = count("order_lines");
		long events = count("outbox");
		request.run();
		assertThat(count("orders")).as("orders").isEqualTo(orders);
		assertThat(count("order_lines")).as("order lines").isEqualTo(lines);
		assertThat(count("outbox")).as("outbox events").isEqualTo(events);
	}

	private long count(String table) {
		return this.database.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private long ordersWithKey(String idempotencyKey) {
		return this.database.sql("SELECT count(*) FROM orders WHERE idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(Long.class)
			.single();
	}

	private long outboxEventsFor(UUID orderId) {
		return this.database.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND type = 'OrderPlaced'")
			.param("key", orderId.toString())
			.query(Long.class)
			.single();
	}

	private void awaitPublished(UUID orderId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.database
				.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NOT NULL")
				.param("key", orderId.toString())
				.query(Long.class)
				.single() > 0);
	}

	/**
	 * Every record with this order's key on {@code bakery.orders}, read from the
	 * beginning of each partition up to its end as it is now, with a plain consumer that
	 * joins no group.
	 */
	private static List<ConsumerRecord<String, String>> recordsOnTheOrdersTopic(UUID orderId) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.get().kafkaBootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS)
				.stream()
				.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			for (int polls = 0; polls < 50
					&& partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp)); polls++) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (orderId.toString().equals(record.key())) {
						records.add(record);
					}
				});
			}
			return records;
		}
	}

}
