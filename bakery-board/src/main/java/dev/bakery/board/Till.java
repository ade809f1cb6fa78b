package dev.bakery.sales.board;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.bakery.platform.outbox.Outbox;

/**
 * The till (checkout-service), as the board's order form reaches it. The page posts to
 * the board, and the board passes the order on: the page and the till need not share an
 * origin, and the till needs no CORS. The board also asks the till how many events wait
 * in its outbox for Kafka.
 */
@Component
class Till {

	private final URI url;

	private final RestClient http;

	Till(BoardSettings settings) {
		this.url = settings.checkoutUrl();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
		requests.setReadTimeout(settings.timeout());
		this.http = RestClient.builder().baseUrl(this.url.toString()).requestFactory(requests).build();
	}

	/**
	 * Places an order at the till and answers as the till did: {@code 201} with the
	 * order, or the till's problem.
	 * @param order the order as JSON, as the till takes it
	 * @param idempotencyKey the page's key for this order, so a retried click places it
	 * once
	 * @throws TillUnreachable if the till does not answer
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
			throw new TillUnreachable(this.url, ex);
		}
	}

	/**
	 * How many events wait in the till's outbox: orders the till took and stored that
	 * Kafka has not acknowledged yet (the till's metric {@value Outbox#WAITING_METRIC}).
	 * @return the number, or {@code null} if the till does not answer in time or cannot
	 * count them (its database is away)
	 */
	Long waitingInOutbox() {
		try {
			Metric metric = this.http.get()
				.uri("/actuator/metrics/{name}", Outbox.WAITING_METRIC)
				.retrieve()
				.body(Metric.class);
			return (metric != null) ? metric.value() : null;
		}
		catch (RestClientException ex) {
			return null;
		}
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
