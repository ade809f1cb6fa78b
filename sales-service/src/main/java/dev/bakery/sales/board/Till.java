package dev.bakery.sales.board;

import java.net.URI;
import java.net.http.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The till (checkout-service), as the board's order form reaches it. The page posts to
 * the board, and the board passes the order on: the page and the till need not share an
 * origin, and the till needs no CORS.
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

}
