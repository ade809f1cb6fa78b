package dev.bakery.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Whether each department is ready, as its own readiness health group says
 * ({@code /actuator/health/readiness}): ready, not ready (with what it waits for: its
 * database, Kafka, the shelf's stores, the menu), or away (it does not answer: stopped,
 * restarting). The board stays up meanwhile, and says so.
 */
@Component
class Departments {

	private final List<Watched> departments;

	private final Map<String, Instant> lastAnswered = new ConcurrentHashMap<>();

	Departments(BoardSettings settings, RestClient.Builder clients) {
		this.departments = List.of(
				new Watched("till", "checkout-service",
						Http.client(clients, settings.checkoutUrl(), settings.timeout())),
				new Watched("bakehouse", "bakery-service",
						Http.client(clients, settings.bakehouseUrl(), settings.timeout())),
				new Watched("packaging", "packaging-service",
						Http.client(clients, settings.packagingUrl(), settings.timeout())),
				new Watched("counter", "sales-service",
						Http.client(clients, settings.counterUrl(), settings.timeout())));
	}

	/**
	 * Every department's readiness now, in the order of the flow. One after the other: a
	 * department that is away refuses the connection at once.
	 */
	List<Readiness> now() {
		return this.departments.stream().map(this::ask).toList();
	}

	private Readiness ask(Watched department) {
		try {
			HealthAnswer health = department.http()
				.get()
				.uri("/actuator/health/readiness")
				.exchange((request, response) -> response.bodyTo(HealthAnswer.class));
			Instant now = Instant.now();
			this.lastAnswered.put(department.key(), now);
			boolean ready = health != null && "UP".equals(health.status());
			List<String> waitingFor = (health == null || health.components() == null) ? List.of()
					: health.components()
						.entrySet()
						.stream()
						.filter((component) -> !"UP".equals(component.getValue().status()))
						.map(Map.Entry::getKey)
						.sorted()
						.toList();
			return new Readiness(department.key(), department.module(), ready ? "ready" : "not ready", waitingFor, now);
		}
		catch (RestClientException ex) {
			return new Readiness(department.key(), department.module(), "away", List.of(),
					this.lastAnswered.get(department.key()));
		}
	}

	/**
	 * A department's readiness.
	 *
	 * @param department what the page calls it: till, bakehouse, packaging, counter
	 * @param module its module and process: checkout-service, ...
	 * @param state {@code ready}, {@code not ready} or {@code away}
	 * @param waitingFor while it is not ready, the health components that are not up
	 * (e.g. {@code kafka}, {@code shelf})
	 * @param lastAnswered when it last answered, or {@code null} if it never did since
	 * the board started
	 */
	record Readiness(String department, String module, String state, List<String> waitingFor, Instant lastAnswered) {
	}

	/** A readiness group as Spring Boot's actuator answers it. */
	record HealthAnswer(String status, Map<String, HealthAnswer> components) {
	}

	private record Watched(String key, String module, RestClient http) {
	}

}
