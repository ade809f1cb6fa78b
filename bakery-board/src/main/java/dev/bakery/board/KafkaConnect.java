package dev.bakery.board;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
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

	@Autowired
	KafkaConnect(BoardSettings settings, RestClient.Builder clients) {
		this(settings.connectUrl(), settings.timeout(), clients);
	}

	KafkaConnect(URI url, Duration timeout, RestClient.Builder clients) {
		this.http = Http.client(clients, url, timeout);
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
