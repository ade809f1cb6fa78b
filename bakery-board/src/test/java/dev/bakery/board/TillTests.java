package dev.bakery.board;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The board passes the page's order on to the till and answers as the till did; it asks
 * the till for its menu and how many events wait in its outbox. The till here is a
 * stand-in that answers as checkout-service does; the real one answers in BakeryBoardIT.
 */
class TillTests {

	private static final String ORDER = """
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}""";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer checkout;

	@BeforeEach
	void openAFakeTill() throws IOException {
		this.checkout = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.checkout.createContext("/orders", this::answer);
		this.checkout.createContext("/actuator/metrics/bakery.outbox.waiting", this::metric);
		this.checkout.createContext("/menu", this::menu);
		this.checkout.start();
	}

	@AfterEach
	void closeIt() {
		this.checkout.stop(0);
	}

	@Test
	void passesTheOrderOnWithItsIdempotencyKey() {
		till().place(ORDER, "key-1");

		assertThat(this.received).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
			assertThat(request.idempotencyKey()).isEqualTo("key-1");
			assertThat(request.body()).isEqualTo(ORDER);
		});
	}

	@Test
	void answersWithTheTillsCreatedOrderAndItsLocationAtTheTill() {
		ResponseEntity<byte[]> answer = till().place(ORDER, null);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create(url() + "/orders/42"));
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"42\"}");
	}

	@Test
	void answersWithTheTillsProblemWhenTheTillRefusesTheOrder() {
		ResponseEntity<byte[]> answer = till().place("{\"customer\":\"\"}", null);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("Invalid order");
	}

	@Test
	void saysSoWhenTheTillDoesNotAnswer() {
		String closed = url();
		this.checkout.stop(0);

		assertThatExceptionOfType(DepartmentUnreachable.class).isThrownBy(() -> till(closed).place(ORDER, null))
			.satisfies((unreachable) -> {
				assertThat(unreachable.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
				assertThat(unreachable.getBody().getTitle()).isEqualTo("Till unreachable");
				assertThat(unreachable.getBody().getDetail()).contains(closed);
			});
	}

	@Test
	void readsTheEventsWaitingInTheTillsOutboxFromItsMetric() {
		assertThat(till().waitingInOutbox()).isEqualTo(7);
	}

	@Test
	void knowsNoNumberWhenTheTillDoesNotAnswer() {
		String closed = url();
		this.checkout.stop(0);

		assertThat(till(closed).waitingInOutbox()).isNull();
		assertThat(till(closed).menu()).as("no menu, rather than an empty one").isNull();
	}

	@Test
	void readsWhatTheTillSells() {
		assertThat(till().menu()).containsExactly(new Till.OnTheMenu("BREZEL", "Brezel"),
				new Till.OnTheMenu("ZIMTSCHNECKE", "Zimtschnecke"));
	}

	private Till till() {
		return till(url());
	}

	private static Till till(String url) {
		return new Till(URI.create(url), Duration.ofSeconds(2), RestClient.builder());
	}

	private String url() {
		return "http://localhost:" + this.checkout.getAddress().getPort();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.received
			.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
		boolean valid = body.contains("Anna");
		byte[] answer = (valid ? "{\"orderId\":\"42\"}" : "{\"title\":\"Invalid order\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", valid ? "application/json" : "application/problem+json");
		if (valid) {
			exchange.getResponseHeaders().set("Location", "/orders/42");
		}
		exchange.sendResponseHeaders(valid ? 201 : 400, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	/** The metric as Spring Boot's actuator answers it. */
	private void metric(HttpExchange exchange) throws IOException {
		byte[] answer = """
				{"name":"bakery.outbox.waiting","description":"Events recorded in the outbox that Kafka has not \
				acknowledged yet","baseUnit":"events","measurements":[{"statistic":"VALUE","value":7.0}],\
				"availableTags":[]}""".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	/** The menu as the till answers it, with the fields the board does not use. */
	private void menu(HttpExchange exchange) throws IOException {
		byte[] answer = """
				[{"product":"BREZEL","name":"Brezel","priceInCents":90,"bakeTimeSeconds":40},\
				{"product":"ZIMTSCHNECKE","name":"Zimtschnecke","priceInCents":180,"bakeTimeSeconds":100}]"""
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	record Received(String method, String contentType, String idempotencyKey, String body) {
	}

}
