package dev.bakery.board;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board reads the Connect worker's connectors from its REST API, and shows no worker
 * where none answers.
 */
class KafkaConnectTests {

	@Test
	void readsEachConnectorsStateAndItsTasksStates() throws IOException {
		HttpServer worker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		// What Kafka Connect 4.2 answers to GET /connectors?expand=status.
		byte[] answer = """
				{"till-outbox":{"status":{"name":"till-outbox","connector":{"state":"RUNNING","worker_id":"localhost:8086"},
				  "tasks":[{"id":0,"state":"RUNNING","worker_id":"localhost:8086"}],"type":"source"}},
				 "head-office":{"status":{"name":"head-office","connector":{"state":"RUNNING","worker_id":"localhost:8086"},
				  "tasks":[{"id":0,"state":"FAILED","worker_id":"localhost:8086","trace":"..."}],"type":"sink"}}}"""
			.getBytes(StandardCharsets.UTF_8);
		worker.createContext("/connectors", (exchange) -> {
			assertThat(exchange.getRequestURI().getQuery()).isEqualTo("expand=status");
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		worker.start();
		try {
			ConnectView view = connect("http://localhost:" + worker.getAddress().getPort()).view();

			assertThat(view.worker()).isTrue();
			assertThat(view.connectors()).containsExactly(
					new ConnectView.ConnectorState("head-office", "sink", "RUNNING", List.of("FAILED")),
					new ConnectView.ConnectorState("till-outbox", "source", "RUNNING", List.of("RUNNING")));
		}
		finally {
			worker.stop(0);
		}
	}

	@Test
	void showsNoWorkerWhereNoneAnswers() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}

		assertThat(connect("http://localhost:" + closed).view()).isEqualTo(new ConnectView(false, List.of()));
	}

	private static KafkaConnect connect(String url) {
		return new KafkaConnect(URI.create(url), Duration.ofSeconds(2), RestClient.builder());
	}

}
