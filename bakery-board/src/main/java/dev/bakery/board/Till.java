package dev.bakery.board;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The till (checkout-service), as the board reaches it over its HTTP API. The page posts
 * its order form to the board, and the board passes the order on: the page and the till
 * need not share an origin, and the till needs no CORS. The board also asks the till for
 * its menu and how many events wait in its outbox for Kafka.
 */
@Component
class Till {

	/**
	 * The till's gauge of the events in its outbox that Kafka has not acknowledged yet
	 * (bakery-platform's {@code Outbox.WAITING_METRIC}; the board does not depend on the
	 * platform, so the name is written here again).
	 */
	static final String WAITING_METRIC = "bakery.outbox.waiting";

	private final URI url;

	private final RestClient http;

	@Autowired
	Till(BoardSettings settings, RestClient.Builder clients) {
		this(settings.checkoutUrl(), settings.timeout(), clients);
	}

	Till(URI url, Duration timeout, RestClient.Builder clients) {
		this.url = url;
		this.http = Http.client(clients, url, timeout);
	}

	/**
	 * Places an order at the till and answers as the till did: {@code 201} with the
	 * order, or the till's problem.
	 * @param order the order as JSON, as the till takes it
	 * @param idempotencyKey the page's key for this order, so a retried click places it
	 * once
	 * @throws DepartmentUnreachable if the till does not answer
	 */
	ResponseEntity<byte[]> place(String order, String idempotencyKey) {
		try {
			return this.http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
				if (idempotencyKey != null) {
					headers.set("Idempotency-Key", idempotencyKey);
				}
			}).body(order).exchange((request, response) -> {
				HttpHeaders headers = new HttpHeaders();
				if (response.getHeaders().getContentType() != null) {
					headers.setContentType(response.getHeaders().getContentType());
				}
				if (response.getHeaders().getLocation() != null) {
					headers.setLocation(this.url.resolve(response.getHeaders().getLocation()));
				}
				return ResponseEntity.status(response.getStatusCode())
					.headers(headers)
					.body(response.getBody().readAllBytes());
			});
		}
		catch (ResourceAccessException ex) {
			throw new DepartmentUnreachable("Till unreachable", "The till (checkout-service)", this.url, ex);
		}
	}

	/**
	 * What the till sells now ({@code GET /menu}): what the bake houses offer on
	 * {@code bakery.menu}.
	 * @return the menu, or {@code null} if the till does not answer
	 */
	List<OnTheMenu> menu() {
		try {
			OnTheMenu[] menu = this.http.get().uri("/menu").retrieve().body(OnTheMenu[].class);
			return (menu != null) ? List.of(menu) : null;
		}
		catch (RestClientException ex) {
			return null;
		}
	}

	/**
	 * How many events wait in the till's outbox: orders the till took and stored that
	 * Kafka has not acknowledged yet (its metric {@value #WAITING_METRIC}).
	 * @return the number, or {@code null} if the till does not answer in time or cannot
	 * count them (its database is away)
	 */
	Long waitingInOutbox() {
		try {
			Metric metric = this.http.get()
				.uri("/actuator/metrics/{name}", WAITING_METRIC)
				.retrieve()
				.body(Metric.class);
			return (metric != null) ? metric.value() : null;
		}
		catch (RestClientException ex) {
			return null;
		}
	}

	/**
	 * A product on the menu.
	 *
	 * @param product its name on the wire, e.g. {@code BREZEL}
	 * @param name its name for people
	 */
	record OnTheMenu(String product, String name) {
	}

	/** A gauge as Spring Boot's {@code /actuator/metrics/{name}} describes it. */
	record Metric(List<Measurement> measurements) {

		Long value() {
			return this.measurements.stream()
				.filter((measurement) -> "VALUE".equals(measurement.statistic()) && !Double.isNaN(measurement.value()))
				.map((measurement) -> (long) measurement.value())
				.findFirst()
				.orElse(null);
		}

	}

	/** One of a metric's measurements. */
	record Measurement(String statistic, double value) {
	}

}
