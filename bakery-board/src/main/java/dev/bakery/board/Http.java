package dev.bakery.board;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How the board talks to a department: a client that gives up after the board's timeout,
 * to connect and to read, so that a department that is away slows one question down and
 * not the board. Made from Spring Boot's {@link RestClient.Builder}, which carries what
 * Boot configures for every client (its observations among it).
 */
final class Http {

	private Http() {
	}

	static RestClient client(RestClient.Builder builder, URI base, Duration timeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).build());
		requests.setReadTimeout(timeout);
		return builder.clone().baseUrl(base.toString()).requestFactory(requests).build();
	}

}
