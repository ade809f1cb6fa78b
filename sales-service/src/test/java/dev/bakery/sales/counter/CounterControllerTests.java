package dev.bakery.sales.counter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.bakery.events.Topics;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The counter's HTTP window on its own: statuses and problem bodies, with the counter
 * behind it stubbed.
 */
@WebMvcTest(controllers = CounterController.class, properties = SalesApplication.CONFIG_NAME)
class CounterControllerTests {

	private static final UUID ORDER_ID = UUID.fromString("6f1c2a4e-0d3b-4c7a-9a55-2b8e1f0c9d11");

	private static final Instant PLACED_AT = Instant.parse("2026-03-01T07:00:00Z");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Counter counter;

	@Test
	void showsAnOrderWithItsTimelineAndTheKafkaRecordBehindEachStep() {
		given(this.counter.find(ORDER_ID))
			.willReturn(new SalesOrder(ORDER_ID, "Anna", OrderStatus.IN_OVEN, PLACED_AT.plusSeconds(5), List.of(
					new SalesOrder.TimelineEntry(OrderStatus.PLACED, "till", PLACED_AT, "till", Topics.ORDERS, 3, 41L,
							"4bf92f3577b34da6a3ce929d0e0e4736"),
					new SalesOrder.TimelineEntry(OrderStatus.IN_OVEN, "bakehouse", PLACED_AT.plusSeconds(5),
							"bakery-service@oven", Topics.BAKING_STATUS, 3, 17L, "4bf92f3577b34da6a3ce929d0e0e4736"))));

		assertThat(this.mvc.get().uri("/orders/{id}", ORDER_ID)).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"orderId": "%s", "customer": "Anna", "status": "IN_OVEN", "updatedAt": "2026-03-01T07:00:05Z",
				 "timeline": [
				   {"status": "PLACED", "department": "till", "at": "2026-03-01T07:00:00Z",
				    "topic": "bakery.orders", "partition": 3, "offset": 41,
				    "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"},
				   {"status": "IN_OVEN", "department": "bakehouse", "station": "bakery-service@oven",
				    "topic": "bakery.baking-status", "partition": 3, "offset": 17}]}
				""".formatted(ORDER_ID));
	}

	@Test
	void answersAnOrderItHasNotHeardOfWithANotFoundProblem() {
		given(this.counter.find(ORDER_ID)).willThrow(new NotAtTheCounter(ORDER_ID));

		assertThat(this.mvc.get().uri("/orders/{id}", ORDER_ID)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 404, "title": "Order not found", "orderId": "%s", "instance": "/orders/%s"}
					""".formatted(ORDER_ID, ORDER_ID));
	}

	@Test
	void rejectsAnOrderIdThatIsNoUuid() {
		assertThat(this.mvc.get().uri("/orders/not-an-order")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void handsOverAnOrderThatIsReady() {
		given(this.counter.handOver(ORDER_ID)).willReturn(
				new SalesOrder(ORDER_ID, "Anna", OrderStatus.HANDED_OVER, PLACED_AT.plusSeconds(60), List.of()));

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", ORDER_ID)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("HANDED_OVER");
	}

	@Test
	void refusesToHandOverAnOrderThatIsNotReadyWithAConflictProblem() {
		given(this.counter.handOver(ORDER_ID)).willThrow(new NotReadyForPickup(ORDER_ID, OrderStatus.BAKED));

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", ORDER_ID)).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 409, "title": "Order not ready for pickup", "orderId": "%s", "orderStatus": "BAKED"}
					""".formatted(ORDER_ID));
	}

	@Test
	void refusesToHandOverAnOrderItHasNotHeardOfWithANotFoundProblem() {
		given(this.counter.handOver(ORDER_ID)).willThrow(new NotAtTheCounter(ORDER_ID));

		assertThat(this.mvc.post().uri("/orders/{id}/pickup", ORDER_ID)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void listsTheOrdersInAStatus() {
		given(this.counter.list(OrderStatus.READY_FOR_PICKUP, 100))
			.willReturn(List.of(new SalesOrder.Summary(ORDER_ID, "Anna", OrderStatus.READY_FOR_PICKUP, PLACED_AT)));

		assertThat(this.mvc.get().uri("/orders?status=READY_FOR_PICKUP")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"orderId": "%s", "customer": "Anna", "status": "READY_FOR_PICKUP"}]
					""".formatted(ORDER_ID));
	}

	@Test
	void listsOrdersOfEveryStatusUpToTheLimitAsked() {
		given(this.counter.list(null, 5)).willReturn(List.of());

		assertThat(this.mvc.get().uri("/orders?limit=5")).hasStatusOk().bodyJson().isEqualTo("[]");
		then(this.counter).should().list(null, 5);
	}

	@Test
	void rejectsAStatusThatDoesNotExist() {
		assertThat(this.mvc.get().uri("/orders?status=NOT_A_STATUS")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1001", "many" })
	void rejectsALimitOutOfRange(String limit) {
		assertThat(this.mvc.get().uri("/orders?limit={limit}", limit)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(400);
		then(this.counter).shouldHaveNoInteractions();
	}

}
