package dev.bakery.labs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Site;

/**
 * The bakery's HTTP endpoints as the labs use them, as any customer would: the till's
 * orders, the counter's timelines, the board's view of the consumer groups (the board is
 * an application of its own), a department's metrics, and Zipkin's traces. Nobody
 * answering is an empty answer, not an error: the labs ask while parts of the bakery are
 * down on purpose.
 */
public final class BakeryClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Site site;

	public BakeryClient(Site site) {
		this.site = site;
	}

	/** Whether the till answers its menu. */
	public boolean tillAnswers() {
		return get(uri(Department.CHECKOUT, "/menu")).isPresent();
	}

	/**
	 * The products the till offers now ({@code GET /menu}): what the bake houses said
	 * they bake.
	 */
	public List<String> menu() {
		return get(uri(Department.CHECKOUT, "/menu"))
			.map((menu) -> menu.valueStream().map((offer) -> offer.path("product").asString()).toList())
			.orElse(List.of());
	}

	/**
	 * Places an order of one product at the till.
	 * @return the order's id if the till answered {@code 201 Created}
	 */
	public Optional<String> place(String customer, String product, int quantity) {
		return send(order(customer, product, quantity)).flatMap(BakeryClient::orderId);
	}

	private HttpRequest order(String customer, String product, int quantity) {
		String order = JSON.writeValueAsString(
				Map.of("customer", customer, "items", List.of(Map.of("product", product, "quantity", quantity))));
		return HttpRequest.newBuilder(uri(Department.CHECKOUT, "/orders"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(order))
			.build();
	}

	private static Optional<String> orderId(HttpResponse<String> answer) {
		return Optional.of(answer)
			.filter((created) -> created.statusCode() == 201)
			.flatMap((created) -> json(created.body()))
			.map((placed) -> placed.path("orderId").asString());
	}

	/**
	 * One step of an order's timeline at the counter.
	 *
	 * @param at when the department did it; {@code null} if the counter did not say
	 * @param traceId the trace the step belongs to, if Zipkin has it; {@code null} if not
	 */
	public record TimelineStep(String status, String station, Instant at, String traceId) {
	}

	/**
	 * An order's timeline at the counter, in order; empty while the counter does not know
	 * it.
	 */
	public List<TimelineStep> timeline(String orderId) {
		return get(uri(Department.SALES, "/orders/" + orderId))
			.map((order) -> order.path("timeline")
				.valueStream()
				.map((step) -> new TimelineStep(step.path("status").asString(), step.path("station").asString(),
						step.path("at").isString() ? Instant.parse(step.path("at").asString()) : null,
						step.path("traceId").isString() ? step.path("traceId").asString() : null))
				.toList())
			.orElse(List.of());
	}

	/**
	 * Whether the counter has the order ready for pickup (or has handed it over since).
	 */
	public boolean readyForPickup(String orderId) {
		return timeline(orderId).stream().anyMatch((step) -> step.status().equals("READY_FOR_PICKUP"));
	}

	/**
	 * Takes the orders that are ready for pickup off the front of the queue, up to the
	 * first that is not, so that waiting for many orders asks about each until it is
	 * ready, not all of them at every look (which loads the counter more than the orders
	 * do).
	 * @return whether none is left waiting
	 */
	public boolean takeReadyForPickup(Deque<String> waiting) {
		while (!waiting.isEmpty() && readyForPickup(waiting.peek())) {
			waiting.pop();
		}
		return waiting.isEmpty();
	}

	/**
	 * An order's status on the shelf (Kafka Streams); empty while the shelf does not have
	 * it.
	 */
	public Optional<String> shelfStatus(String orderId) {
		return get(uri(Department.SALES, "/shelf/" + orderId)).map((order) -> order.path("status").asString());
	}

	/**
	 * Hands a ready order over at the counter.
	 * @return its status afterwards, {@code HANDED_OVER}; empty if the counter refused
	 */
	public Optional<String> handOver(String orderId) {
		return send(HttpRequest.newBuilder(uri(Department.SALES, "/orders/" + orderId + "/pickup"))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build()).filter((answer) -> answer.statusCode() == 200)
			.flatMap((answer) -> json(answer.body()))
			.map((order) -> order.path("status").asString());
	}

	/** A consumer group as the board sees it: members, partitions, total lag. */
	public Optional<JsonNode> group(String group) {
		return get(board("/board/lag")).flatMap((report) -> report.path("groups")
			.valueStream()
			.filter((lag) -> group.equals(lag.path("group").asString()))
			.findFirst());
	}

	/**
	 * The Kafka Connect worker's connectors and their states as the board shows them;
	 * empty without a worker.
	 */
	public Map<String, String> connectorsOnBoard() {
		return get(board("/board/cluster")).map((view) -> view.path("connect")
			.path("connectors")
			.valueStream()
			.collect(Collectors.toMap((connector) -> connector.path("name").asString(),
					(connector) -> connector.path("state").asString())))
			.orElse(Map.of());
	}

	/**
	 * Events a department has recorded in its outbox that Kafka has not acknowledged yet:
	 * its gauge {@code bakery.outbox.waiting}; empty if it does not answer.
	 */
	public Optional<Long> waitingInOutbox(Department department) {
		return get(uri(department, "/actuator/metrics/bakery.outbox.waiting"))
			.map((metric) -> metric.path("measurements").path(0).path("value"))
			.filter(JsonNode::isNumber)
			.map((value) -> (long) value.asDouble());
	}

	/**
	 * The CPU time a department's process has used since it started: its
	 * {@code process.cpu.time}; empty if it does not answer.
	 */
	public Optional<Duration> cpuTime(Department department) {
		return get(uri(department, "/actuator/metrics/process.cpu.time"))
			.map((metric) -> metric.path("measurements").path(0).path("value"))
			.filter(JsonNode::isNumber)
			.map((nanos) -> Duration.ofNanos((long) nanos.asDouble()));
	}

	/**
	 * A trace's spans as Zipkin has them so far ({@code GET /api/v2/trace/{traceId}});
	 * empty while Zipkin does not know it or does not answer.
	 */
	public List<JsonNode> trace(String traceId) {
		return get(URI.create("http://localhost:" + this.site.zipkinPort() + "/api/v2/trace/" + traceId))
			.map((spans) -> spans.valueStream().toList())
			.orElse(List.of());
	}

	/** The JSON of a 2xx answer. */
	private Optional<JsonNode> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build())
			.filter((answer) -> answer.statusCode() / 100 == 2)
			.flatMap((answer) -> json(answer.body()));
	}

	private Optional<HttpResponse<String>> send(HttpRequest request) {
		try {
			return Optional.of(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static Optional<JsonNode> json(String body) {
		try {
			return Optional.of(JSON.readTree(body));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private URI uri(Department department, String path) {
		return URI.create("http://localhost:" + Part.of(department).port(this.site) + path);
	}

	private URI board(String path) {
		return URI.create("http://localhost:" + this.site.boardPort() + path);
	}

}
