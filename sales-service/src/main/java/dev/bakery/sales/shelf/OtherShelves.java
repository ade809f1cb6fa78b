package dev.bakery.sales.shelf;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.streams.state.HostInfo;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import dev.bakery.sales.counter.OrderStatus;
import dev.bakery.sales.shelf.Shelf.BakedInMinute;
import dev.bakery.sales.shelf.Shelf.ShelvedOrder;

/**
 * The parts of the shelf that other counter instances keep, asked over their own
 * {@code /shelf} endpoints with {@code local=true}: each answers from its own stores
 * only, so a question is passed on once at most.
 */
@Component
class OtherShelves {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final RestClient http;

	OtherShelves() {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
		requests.setReadTimeout(TIMEOUT);
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	Optional<ShelvedOrder> find(HostInfo host, UUID orderId) {
		return ask(host, uri(host, "/shelf/" + orderId).build().toUri(),
				(request) -> request
					.exchange((req, response) -> (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value())
							? Optional.empty() : Optional.ofNullable(response.bodyTo(ShelvedOrder.class))));
	}

	List<ShelvedOrder> list(HostInfo host, OrderStatus status, int limit) {
		URI uri = uri(host, "/shelf").queryParamIfPresent("status", Optional.ofNullable(status))
			.queryParam("limit", Math.min(limit, ShelfController.MAX_LIMIT))
			.build()
			.toUri();
		return ask(host, uri, (request) -> List.of(request.retrieve().body(ShelvedOrder[].class)));
	}

	Map<OrderStatus, Long> countByStatus(HostInfo host) {
		return ask(host, uri(host, "/shelf/counts").build().toUri(),
				(request) -> request.retrieve().body(new ParameterizedTypeReference<Map<OrderStatus, Long>>() {
				}));
	}

	List<BakedInMinute> bakedPerMinute(HostInfo host, Duration last) {
		URI uri = uri(host, "/shelf/baked-per-minute").queryParam("minutes", last.toMinutes()).build().toUri();
		return ask(host, uri, (request) -> List.of(request.retrieve().body(BakedInMinute[].class)));
	}

	private static UriComponentsBuilder uri(HostInfo host, String path) {
		return UriComponentsBuilder.newInstance()
			.scheme("http")
			.host(host.host())
			.port(host.port())
			.path(path)
			.queryParam("local", true);
	}

	private <T> T ask(HostInfo host, URI uri, Question<T> question) {
		try {
			return question.ask(this.http.get().uri(uri));
		}
		catch (RestClientException ex) {
			throw ShelfNotReady.elsewhere(host, ex);
		}
	}

	@FunctionalInterface
	private interface Question<T> {

		T ask(RestClient.RequestHeadersSpec<?> request);

	}

}
