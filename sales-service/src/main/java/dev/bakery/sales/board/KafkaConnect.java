package dev.bakery.sales.board;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The Kafka Connect worker, as the board asks its REST API which connectors run and in
 * what state ({@code GET /connectors?expand=status}). The bakery runs without one unless
 * it is opened with {@code --connect} (or {@code ./bakery start connect}).
 */
@Component
class KafkaConnect {

	private final RestClient http;

	KafkaConnect(BoardSettings settings) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
		requests.setReadTimeout(settings.timeout());
		this.http = RestClient.builder().baseUrl(settings.connectUrl().toString()).requestFactory(requests).build();
	}

	/** The worker's connectors now; a view without a worker if none answers. */
	ConnectView view() {
		try {
			JsonNode all = this.http.get().uri("/connectors?expand=status").retrieve().body(JsonNode.class);
			List<ConnectView.ConnectorState> connectors = new ArrayList<>();
			if (all != null) {
				for (Map.Entry<String, JsonNode> entry : all.properties()) {
					JsonNode status = entry.getValue().path("status");
					List<String> tasks = new ArrayList<>();
					status.path("tasks").forEach((task) -> tasks.add(task.path("state").asString()));
					connectors.add(new ConnectView.ConnectorState(entry.getKey(), status.path("type").asString(),
							status.path("connector").path("state").asString(), tasks));
				}
			}
			connectors.sort((a, b) -> a.name().compareTo(b.name()));
			return new ConnectView(true, connectors);
		}
		catch (RestClientException ex) {
			return new ConnectView(false, List.of());
		}
	}

}
