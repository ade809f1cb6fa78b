package dev.bakery.sales.shelf;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.PackagingStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two counter instances share the shelf, as a group shares its partitions: the KTable's
 * one partition is kept by one of them, the per-minute counts are spread by product. Each
 * answers every question for the whole shelf, asking the other for its part.
 */
class ShelfInstancesTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final String PRODUCT = "APFELSTRUDEL";

	private static final List<ConfigurableApplicationContext> counters = new ArrayList<>();

	private static final List<RestClient> http = new ArrayList<>();

	@BeforeAll
	static void startTwoCounters() throws IOException {
		for (int instance = 1; instance <= 2; instance++) {
			int port = freePort();
			counters.add(new SpringApplicationBuilder(SalesApplication.class, BakeryTestInfrastructure.class)
				.properties(SalesApplication.CONFIG_NAME)
				// No spans to the site's Zipkin port: a context of its own gets no
				// test support that turns the export off, as @SpringBootTest's does.
				.run("--server.port=" + port, "--bakery.instance-id=counter-" + instance, "--bakery.time-scale=0.001",
						"--management.tracing.export.zipkin.enabled=false"));
			http.add(RestClient.create("http://localhost:" + port));
		}
	}

	@AfterAll
	static void stopThem() {
		counters.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void eachInstanceAnswersForTheWholeShelfThoughEachKeepsOnlyPartOfIt() throws Exception {
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (ConfigurableApplicationContext counter : counters) {
				KafkaStreams streams = counter.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
				assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
				assertThat(streams.metadataForAllStreamsClients()).as("instances of the application 'shelf'")
					.hasSize(2);
				assertThat(streams.streamsMetadataForStore(ShelfTopology.SHELF_STORE))
					.as("instances that keep the KTable's one partition")
					.extracting(StreamsMetadata::hostInfo)
					.hasSize(1);
			}
		});
		// Running is not yet answering: the other instance's part of the counts may
		// still be restored.
		long before = await().atMost(PATIENCE).ignoreExceptions().until(() -> pieces(http.get(0)), (count) -> true);

		List<UUID> orders = IntStream.range(0, 12).mapToObj((i) -> UUID.randomUUID()).toList();
		KafkaTemplate<Object, Object> kafka = counters.get(0).getBean("kafkaTemplate", KafkaTemplate.class);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<OrderLine> items = List.of(new OrderLine(PRODUCT, 2));
		for (UUID order : orders) {
			String key = order.toString();
			kafka.send(Topics.ORDERS, key, new OrderPlaced(order, "Anna", items, now)).get();
			kafka
				.send(Topics.BAKING_STATUS, key,
						new BakingStatusChanged(order, BakingStatusChanged.Status.BAKED, items, now, "oven-test"))
				.get();
			kafka
				.send(Topics.PACKAGING_STATUS, key,
						new PackagingStatusChanged(order, PackagingStatusChanged.Status.PACKED, now, "packing-test"))
				.get();
		}

		for (RestClient counter : http) {
			await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
				for (UUID order : orders) {
					assertThat(counter.get().uri("/shelf/{id}", order).retrieve().body(Shelf.ShelvedOrder.class))
						.extracting(Shelf.ShelvedOrder::status)
						.hasToString("READY_FOR_PICKUP");
				}
				assertThat(counter.get()
					.uri("/shelf?status=READY_FOR_PICKUP&limit=1000")
					.retrieve()
					.body(Shelf.ShelvedOrder[].class)).extracting(Shelf.ShelvedOrder::orderId).containsAll(orders);
				assertThat(pieces(counter)).as("pieces of %s baked", PRODUCT).isEqualTo(before + 2 * orders.size());
			});
		}
	}

	private static long pieces(RestClient counter) {
		return List
			.of(counter.get().uri("/shelf/baked-per-minute?minutes=60").retrieve().body(Shelf.BakedInMinute[].class))
			.stream()
			.filter((count) -> count.product().equals(PRODUCT))
			.mapToLong(Shelf.BakedInMinute::pieces)
			.sum();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
