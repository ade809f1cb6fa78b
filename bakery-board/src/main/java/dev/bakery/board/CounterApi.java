package dev.bakery.board;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The counter (sales-service) and its shelf, as the board reads them over their HTTP API:
 * the orders that moved last, an order's timeline, how many orders are in each status,
 * the shelf's KTable and its pieces baked per minute; and the hand-over the page asks
 * for. A question the counter does not answer (it is away, restarting) has no answer, not
 * an exception: the board goes on showing what it last knew.
 */
@Component
class CounterApi {

	/** How many of the orders on the shelf the board lists, latest change first. */
	static final int SHELF_ORDERS = 5;

	private static final String AWAY = "The counter (sales-service) does not answer";

	private final URI url;

	private final RestClient http;

	@Autowired
	CounterApi(BoardSettings settings, RestClient.Builder clients) {
		this(settings.counterUrl(), settings.timeout(), clients);
	}

	CounterApi(URI url, Duration timeout, RestClient.Builder clients) {
		this.url = url;
		this.http = Http.client(clients, url, timeout);
	}

	/** The orders that moved last, latest first ({@code GET /orders?limit=}). */
	Optional<List<MovedOrder>> moved(int limit) {
		return ask(
				() -> List.of(this.http.get().uri("/orders?limit={limit}", limit).retrieve().body(MovedOrder[].class)));
	}

	/** An order with its timeline ({@code GET /orders/{id}}). */
	Optional<FollowedOrder> order(UUID orderId) {
		return ask(() -> this.http.get().uri("/orders/{id}", orderId).retrieve().body(FollowedOrder.class));
	}

	/** How many orders the counter knows in each status ({@code GET /orders/counts}). */
	Optional<Map<String, Long>> countByStatus() {
		return ask(() -> this.http.get().uri("/orders/counts").retrieve().body(new ParameterizedTypeReference<>() {
		}));
	}

	/**
	 * Hands an order over at the counter and answers as the counter did: {@code 200} with
	 * the order, or the counter's problem.
	 * @throws DepartmentUnreachable if the counter does not answer
	 */
	ResponseEntity<byte[]> pickUp(UUID orderId) {
		try {
			return this.http.post().uri("/orders/{id}/pickup", orderId).exchange((request, response) -> {
				HttpHeaders headers = new HttpHeaders();
				if (response.getHeaders().getContentType() != null) {
					headers.setContentType(response.getHeaders().getContentType());
				}
				return ResponseEntity.status(response.getStatusCode())
					.headers(headers)
					.body(response.getBody().readAllBytes());
			});
		}
		catch (ResourceAccessException ex) {
			throw new DepartmentUnreachable("Counter unreachable", "The counter (sales-service)", this.url, ex);
		}
	}

	/**
	 * The shelf now, as the counter's Kafka Streams topology answers: its counts, its
	 * latest orders and the pieces baked in the minutes shown; a view with the problem,
	 * never an exception, while its stores are restored or the counter is away.
	 * @param now the moment the view is of
	 * @param minutes the minutes shown, oldest first, each as its start
	 */
	ShelfView shelf(Instant now, List<Instant> minutes) {
		try {
			Map<String, Long> counts = this.http.get()
				.uri("/shelf/counts")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			List<ShelfView.Shelved> latest = List.of(this.http.get()
				.uri("/shelf?limit={limit}", SHELF_ORDERS)
				.retrieve()
				.body(ShelfView.Shelved[].class));
			List<ShelfView.Baked> baked = List.of(this.http.get()
				.uri("/shelf/baked-per-minute?minutes={minutes}", minutes.size())
				.retrieve()
				.body(ShelfView.Baked[].class));
			// The windows that start from the first minute shown on: exactly those shown.
			return new ShelfView(now, counts, latest, minutes,
					baked.stream().filter((count) -> !count.minute().isBefore(minutes.get(0))).toList(), null);
		}
		catch (RestClientResponseException ex) {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			return ShelfView.notReady(now, (problem != null && problem.getDetail() != null) ? problem.getDetail()
					: ex.getStatusCode() + " from the counter");
		}
		catch (RestClientException ex) {
			return ShelfView.notReady(now, AWAY);
		}
	}

	private static <T> Optional<T> ask(Supplier<T> question) {
		try {
			return Optional.ofNullable(question.get());
		}
		catch (RestClientException ex) {
			return Optional.empty();
		}
	}

	/**
	 * An order in the counter's list: enough to tell whether it moved since the board
	 * last looked.
	 */
	record MovedOrder(UUID orderId, String status, Instant updatedAt) {
	}

	/**
	 * An order with its timeline, as the counter has it; what the page draws a card from.
	 */
	record FollowedOrder(UUID orderId, String customer, String status, Instant updatedAt, List<FollowedStep> timeline) {
	}

	/**
	 * One step of an order's timeline and the Kafka record that brought it to the
	 * counter.
	 *
	 * @param traceId the trace of the step, if Zipkin has it: the card links to it
	 */
	record FollowedStep(String status, String department, Instant at, String station, String topic, Integer partition,
			Long offset, String traceId) {
	}

}
