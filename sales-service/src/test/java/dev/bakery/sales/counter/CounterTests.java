package dev.bakery.sales.counter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.ApiDescriptions;
import dev.bakery.infrastructure.GroupOffsets;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.sales.MenuOffered;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counter against the real broker and database: the events of the departments' topics
 * come in, the order's status and timeline go out over HTTP. Events of one order on
 * different topics can arrive in any order; the status only moves forward, and each step
 * is recorded once.
 */
@SpringBootTest(properties = { SalesApplication.CONFIG_NAME, "bakery.time-scale=0.001" })
@AutoConfigureMockMvc
@Import({ BakeryTestInfrastructure.class, MenuOffered.class })
// Its listeners join the consumer group 'sales'; a context left running would take
// partitions from the next one.
@DirtiesContext
class CounterTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<OrderStatus> FLOW = List.of(OrderStatus.PLACED, OrderStatus.IN_OVEN, OrderStatus.BAKED,
			OrderStatus.PACKING, OrderStatus.READY_FOR_PICKUP);

	private static final List<OrderLine> ITEMS = List.of(new OrderLine("BREZEL", 3));

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

	@Autowired
	private MeterRegistry meters;

	@Test
	void followsAnOrderFromTheTillToReadyForPickupWithTheKafkaRecordBehindEachStep() throws Exception {
		Order order = new Order();

		Map<OrderStatus, RecordMetadata> sent = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : FLOW) {
			sent.put(status, order.send(status).getRecordMetadata());
		}

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(order(order.id).timeline()).hasSize(FLOW.size()));
		SalesOrder ready = order(order.id);
		assertThat(ready.status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
		assertThat(ready.customer()).isEqualTo("Anna");
		assertThat(ready.updatedAt()).isEqualTo(order.at(OrderStatus.READY_FOR_PICKUP));
		assertThat(ready.timeline()).extracting(SalesOrder.TimelineEntry::status).containsExactlyElementsOf(FLOW);
		assertThat(ready.timeline()).extracting(SalesOrder.TimelineEntry::department)
			.containsExactly("till", "bakehouse", "bakehouse", "packaging", "packaging");
		assertThat(ready.timeline()).allSatisfy((step) -> {
			RecordMetadata record = sent.get(step.status());
			assertThat(step.at()).isEqualTo(order.at(step.status()));
			assertThat(step.topic()).isEqualTo(record.topic());
			assertThat(step.partition()).isEqualTo(record.partition());
			assertThat(step.offset()).isEqualTo(record.offset());
		});
		assertThat(ready.timeline()).extracting(SalesOrder.TimelineEntry::station)
			.containsExactly("till", "oven-test", "oven-test", "packing-test", "packing-test");
		assertThat(ready.timeline()).as("the trace of each step's record, which Zipkin has")
			.extracting(SalesOrder.TimelineEntry::traceId)
			.containsOnly(order.traceId);

		assertThat(list("READY_FOR_PICKUP")).contains(order.id);
		assertThat(list("PLACED")).doesNotContain(order.id);
		JsonNode counts = this.json
			.readTree(this.mvc.get().uri("/orders/counts").exchange().getResponse().getContentAsString());
		assertThat(counts.propertyNames()).as("every status, in the order of the flow")
			.containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP", "HANDED_OVER");
		assertThat(counts.get("READY_FOR_PICKUP").asLong())
			.isEqualTo(this.database.sql("SELECT count(*) FROM orders WHERE status = 'READY_FOR_PICKUP'")
				.query(Long.class)
				.single());
	}

	@Test
	void neverMovesAnOrderBackWhenItsEventsArriveOutOfOrder() throws Exception {
		Order order = new Order();

		order.send(OrderStatus.READY_FOR_PICKUP);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(order(order.id).status()).isEqualTo(OrderStatus.READY_FOR_PICKUP));
		assertThat(order(order.id).customer()).as("not known before the till's event").isNull();
		for (OrderStatus late : List.of(OrderStatus.PLACED, OrderStatus.PACKING, OrderStatus.BAKED,
				OrderStatus.IN_OVEN)) {
			GroupOffsets.awaitRead("sales", order.send(late));
		}

		SalesOrder ready = order(order.id);
		assertThat(ready.status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
		assertThat(ready.updatedAt()).isEqualTo(order.at(OrderStatus.READY_FOR_PICKUP));
		assertThat(ready.customer()).as("from the till's event, whenever it came").isEqualTo("Anna");
		assertThat(ready.timeline()).extracting(SalesOrder.TimelineEntry::status).containsExactlyElementsOf(FLOW);
	}

	@Test
	void handsOverAReadyOrderOnceAndNoLateEventTakesItBack() throws Exception {
		Order order = new Order();
		for (OrderStatus status : FLOW) {
			order.send(status);
		}
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(order(order.id).timeline()).hasSize(FLOW.size()));

		double handedOverBefore = this.meters.get("bakery.orders.handed.over").counter().count();

		MvcTestResult pickup = this.mvc.post().uri("/orders/{id}/pickup", order.id).exchange();

		assertThat(pickup).hasStatusOk();
		assertThat(this.meters.get("bakery.orders.handed.over").counter().count()).isEqualTo(handedOverBefore + 1);
		SalesOrder handedOver = this.json.readValue(pickup.getResponse().getContentAsString(), SalesOrder.class);
		assertThat(handedOver.status()).isEqualTo(OrderStatus.HANDED_OVER);
		assertThat(handedOver.timeline()).hasSize(FLOW.size() + 1);
		SalesOrder.TimelineEntry atTheCounter = handedOver.timeline().get(FLOW.size());
		assertThat(atTheCounter.status()).isEqualTo(OrderStatus.HANDED_OVER);
		assertThat(atTheCounter.department()).isEqualTo("counter");
		assertThat(atTheCounter.topic()).as("the counter's own step, recorded before its event is sent").isNull();
		try (TopicReader salesStatus = Infrastructure.get().reader(Topics.SALES_STATUS)) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(salesStatus.values(order.id, SalesStatusChanged.class))
					.as("published once, through the outbox")
					.singleElement()
					.returns(SalesStatusChanged.Status.HANDED_OVER, SalesStatusChanged::status)
					.returns(atTheCounter.at(), SalesStatusChanged::at));
		}

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", order.id)).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.orderStatus")
			.isEqualTo("HANDED_OVER");

		GroupOffsets.awaitRead("sales", order.send(OrderStatus.READY_FOR_PICKUP));
		assertThat(order(order.id).status()).as("after a late PACKED").isEqualTo(OrderStatus.HANDED_OVER);
		assertThat(order(order.id).timeline()).hasSize(FLOW.size() + 1);
	}

	@Test
	void refusesToHandOverAnOrderThatIsStillInTheOven() throws Exception {
		Order order = new Order();
		order.send(OrderStatus.PLACED);
		order.send(OrderStatus.IN_OVEN);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(order(order.id).status()).isEqualTo(OrderStatus.IN_OVEN));

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", order.id)).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.orderStatus")
			.isEqualTo("IN_OVEN");
		assertThat(order(order.id).status()).isEqualTo(OrderStatus.IN_OVEN);
		assertThat(this.mvc.post().uri("/orders/{id}/pickup", UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void recordsEachStepOnceHoweverOftenItsEventIsDelivered() throws Exception {
		Order order = new Order();
		Timer placedToReady = this.meters.get("bakery.order.ready.time").timer();
		long timedBefore = placedToReady.count();
		Map<OrderStatus, RecordMetadata> first = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : FLOW) {
			first.put(status, order.send(status).getRecordMetadata());
		}

		for (OrderStatus status : FLOW) {
			GroupOffsets.awaitRead("sales", order.send(status));
		}

		SalesOrder ready = order(order.id);
		assertThat(ready.status()).isEqualTo(OrderStatus.READY_FOR_PICKUP);
		assertThat(ready.timeline()).extracting(SalesOrder.TimelineEntry::status).containsExactlyElementsOf(FLOW);
		assertThat(ready.timeline()).as("each step from its first delivery")
			.allSatisfy((step) -> assertThat(step.offset()).isEqualTo(first.get(step.status()).offset()));
		assertThat(count("SELECT count(*) FROM orders WHERE order_id = :id", order.id)).isOne();
		assertThat(count("SELECT count(*) FROM timeline WHERE order_id = :id", order.id)).isEqualTo(FLOW.size());
		assertThat(count("SELECT count(*) FROM outbox WHERE message_key = :id", order.id.toString()))
			.as("the counter emits no events")
			.isZero();
		assertThat(placedToReady.count()).as("its time from placed to ready, timed once").isEqualTo(timedBefore + 1);
		assertThat(placedToReady.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(
				Duration.between(order.at(OrderStatus.PLACED), order.at(OrderStatus.READY_FOR_PICKUP)).toMillis());
	}

	@Test
	void describesEveryEndpointInSwaggerUi(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mvc) throws Exception {
		MvcTestResult result = this.mvc.get().uri("/v3/api-docs").exchange();
		assertThat(result).hasStatusOk();
		JsonNode description = this.json.readTree(result.getResponse().getContentAsString());
		ApiDescriptions.assertDescribesEveryEndpoint(description, mvc);
		assertThat(description.at("/info/title").asString()).isEqualTo("The counter (sales-service)");
		MvcTestResult unknown = this.mvc.post().uri("/orders/{id}/pickup", UUID.randomUUID()).exchange();
		assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.json.readTree(unknown.getResponse().getContentAsString()).get("title"))
			.as("the documented problem's title is what the counter answers")
			.isEqualTo(description.at("/paths/~1orders~1{orderId}~1pickup/post/responses/404/content"
					+ "/application~1problem+json/examples/Not Found/value/title"));
		assertThat(this.mvc.get().uri("/swagger-ui.html")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/swagger-ui/index.html");
	}

	private SalesOrder order(UUID orderId) throws Exception {
		MvcTestResult result = this.mvc.get().uri("/orders/{id}", orderId).exchange();
		assertThat(result).hasStatusOk();
		return this.json.readValue(result.getResponse().getContentAsString(), SalesOrder.class);
	}

	private List<UUID> list(String status) throws Exception {
		MvcTestResult result = this.mvc.get().uri("/orders?status={status}&limit=1000", status).exchange();
		assertThat(result).hasStatusOk();
		return List.of(this.json.readValue(result.getResponse().getContentAsString(), SalesOrder.Summary[].class))
			.stream()
			.map(SalesOrder.Summary::orderId)
			.toList();
	}

	private long count(String sql, Object id) {
		return this.database.sql(sql).param("id", id).query(Long.class).single();
	}

	/**
	 * One order, and the event each department sends about it, each at its own time on
	 * the order's key.
	 */
	private final class Order {

		private final UUID id = UUID.randomUUID();

		private final Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);

		/**
		 * The order's trace, recorded: every record carries it, as the departments' do.
		 */
		private final String traceId = "%032x".formatted(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));

		Instant at(OrderStatus status) {
			return this.placedAt.plusSeconds(10L * status.stage());
		}

		SendResult<Object, Object> send(OrderStatus status) throws Exception {
			Object event = switch (status) {
				case PLACED -> new OrderPlaced(this.id, "Anna", ITEMS, at(status));
				case IN_OVEN -> new BakingStatusChanged(this.id, BakingStatusChanged.Status.IN_OVEN, ITEMS, at(status),
						"oven-test");
				case BAKED ->
					new BakingStatusChanged(this.id, BakingStatusChanged.Status.BAKED, ITEMS, at(status), "oven-test");
				case PACKING -> new PackagingStatusChanged(this.id, PackagingStatusChanged.Status.PACKING, at(status),
						"packing-test");
				case READY_FOR_PICKUP -> new PackagingStatusChanged(this.id, PackagingStatusChanged.Status.PACKED,
						at(status), "packing-test");
				case HANDED_OVER -> throw new IllegalArgumentException("The counter itself hands orders over");
			};
			String topic = switch (status) {
				case PLACED -> Topics.ORDERS;
				case IN_OVEN, BAKED -> Topics.BAKING_STATUS;
				default -> Topics.PACKAGING_STATUS;
			};
			ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, this.id.toString(), event);
			String traceparent = "00-%s-%016x-01".formatted(this.traceId, status.stage() + 1);
			record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
			return CounterTests.this.kafka.send(record).get();
		}

	}

}
