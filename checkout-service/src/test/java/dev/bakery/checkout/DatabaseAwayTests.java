package dev.bakery.checkout;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The till while its database is away: a 503 problem at once (not after Hikari's 30 s),
 * with {@code Retry-After}; and orders again, without a restart, once the database is
 * back. (The same context as {@link CheckoutIntegrationTests}.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = CheckoutApplication.CONFIG_NAME)
@Import(BakeryTestInfrastructure.class)
@AutoConfigureRestTestClient
class DatabaseAwayTests {

	private static final String ORDER = """
			{"customer":"Dora","items":[{"product":"BREZEL","quantity":1}]}""";

	@Autowired
	private RestTestClient http;

	@Value("${bakery.database}")
	private String database;

	@Test
	void answersA503ProblemAtOnceWhileItsDatabaseIsAwayAndTakesOrdersAgainWhenItIsBack() {
		Infrastructure infrastructure = Infrastructure.get();
		infrastructure.administer("ALTER DATABASE " + this.database + " WITH ALLOW_CONNECTIONS false");
		infrastructure.administer(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.database + "'");
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				long started = System.nanoTime();
				this.http.post()
					.uri("/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.body(ORDER)
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectHeader()
					.valueEquals("Retry-After", "5")
					.expectBody()
					.jsonPath("$.title")
					.isEqualTo("Database unavailable");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to answer")
					.isLessThan(Duration.ofSeconds(4));
			}
		}
		finally {
			infrastructure.administer("ALTER DATABASE " + this.database + " WITH ALLOW_CONNECTIONS true");
		}
		// Back by itself: the pool connects again.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.post()
				.uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.body(ORDER)
				.exchange()
				.expectStatus()
				.isCreated());
	}

}
