package dev.bakery.board;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.bakery.board.ClusterView.Broker;
import dev.bakery.board.ClusterView.Controller;
import dev.bakery.board.ClusterView.Partition;
import dev.bakery.board.ClusterView.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

/** The board's order form and its view of the cluster, as the page uses them. */
@WebMvcTest(controllers = BoardController.class, properties = BoardApplication.CONFIG_NAME)
class BoardControllerTests {

	private static final String ORDER = """
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Till till;

	@MockitoBean
	private Board board;

	@MockitoBean
	private BoardUpdates updates;

	@Test
	void placesTheOrderAtTheTillAndAnswersAsTheTillDid() {
		given(this.till.place(ORDER, "key-1")).willReturn(ResponseEntity.created(URI.create("http://till/orders/42"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"orderId\":\"42\",\"status\":\"PLACED\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.mvc.post()
			.uri("/board/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "key-1")
			.content(ORDER)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://till/orders/42")
			.bodyJson()
			.isLenientlyEqualTo("{\"orderId\":\"42\",\"status\":\"PLACED\"}");
	}

	@Test
	void answersBadGatewayWithAProblemWhenTheTillDoesNotAnswer() {
		given(this.till.place(eq(ORDER), any())).willThrow(new DepartmentUnreachable("Till unreachable",
				"The till (checkout-service)", URI.create("http://localhost:8081"), new RuntimeException("refused")));

		assertThat(this.mvc.post().uri("/board/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER))
			.hasStatus(HttpStatus.BAD_GATEWAY)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title":"Till unreachable","status":502,"url":"http://localhost:8081"}""");
	}

	@Test
	void refusesCurvesOfNoTimeWithAProblem() {
		assertThat(this.mvc.get().uri("/board/curves?minutes=0")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersTheClusterAsThePageReadsIt() {
		given(this.board.cluster()).willReturn(new ClusterView(Instant.parse("2026-05-01T06:00:00Z"),
				List.of(new Broker(1, "localhost:9092", true, false, 1, 0), new Broker(2, null, false, false, 0, 1)),
				List.of(new Controller(0, "localhost:9093", true, false)),
				List.of(new Topic("bakery.orders", List.of(new Partition(0, 1, List.of(2, 1), List.of(1), true)))), 1,
				0, 5L, null, new ConnectView(true, List
					.of(new ConnectView.ConnectorState("till-outbox", "source", "RUNNING", List.of("RUNNING"))))));

		assertThat(this.mvc.get().uri("/board/cluster")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{
				  "at": "2026-05-01T06:00:00Z",
				  "brokers": [
				    {"id": 1, "address": "localhost:9092", "up": true, "controller": false, "leads": 1, "outOfSync": 0},
				    {"id": 2, "address": null, "up": false, "controller": false, "leads": 0, "outOfSync": 1}
				  ],
				  "controllers": [{"id": 0, "address": "localhost:9093", "active": true, "broker": false}],
				  "topics": [
				    {"topic": "bakery.orders", "partitions": [
				      {"partition": 0, "leader": 1, "replicas": [2, 1], "isr": [1], "underReplicated": true}
				    ]}
				  ],
				  "underReplicated": 1,
				  "withoutLeader": 0,
				  "waitingAtTill": 5,
				  "problem": null,
				  "connect": {"worker": true, "connectors": [
				    {"name": "till-outbox", "type": "source", "state": "RUNNING", "tasks": ["RUNNING"]}
				  ]}
				}""");
	}

}
