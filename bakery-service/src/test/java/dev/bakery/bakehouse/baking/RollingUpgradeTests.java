package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.runtime.TopicReader;
import dev.bakery.platform.menu.MenuTable;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade of the bake house: two instances in the group {@code bakery}, one of
 * them already of the new version that bakes a new product, the other not yet (and any
 * instance another test left running, of the old version too). Once the new one offers
 * the product, orders for it come in on every partition; each is baked, by the new
 * instance, and none is dead-lettered; the other orders on those partitions are baked as
 * usual.
 */
class RollingUpgradeTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final String NEW_PRODUCT = "ZIMTSCHNECKE";

	private final List<ConfigurableApplicationContext> bakehouses = new ArrayList<>();

	@AfterEach
	void closeTheBakeHouses() {
		this.bakehouses.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void bakesANewProductAtTheBakeHouseThatKnowsItAndDeadLettersNoOrder() throws Exception {
		ConfigurableApplicationContext old = start("bakery-service@old");
		ConfigurableApplicationContext upgraded = start("bakery-service@new",
				"bakery.bakehouse.menu." + NEW_PRODUCT + ".name=Zimtschnecke",
				"bakery.bakehouse.menu." + NEW_PRODUCT + ".price-in-cents=180",
				"bakery.bakehouse.menu." + NEW_PRODUCT + ".bake-time=20s");
		// The old one learns from bakery.menu that some bake house offers it.
		await().atMost(PATIENCE).until(() -> old.getBean(MenuTable.class).names().contains(NEW_PRODUCT));

		@SuppressWarnings("unchecked")
		KafkaTemplate<Object, Object> kafka = upgraded.getBean(KafkaTemplate.class);
		int partitions = kafka.partitionsFor(Topics.ORDERS).size();
		List<UUID> newProduct = new ArrayList<>();
		List<UUID> oldProduct = new ArrayList<>();
		for (int partition = 0; partition < partitions; partition++) {
			newProduct.add(send(kafka, partition, new OrderLine(NEW_PRODUCT, 2)));
			oldProduct.add(send(kafka, partition, new OrderLine("BREZEL", 1)));
		}
		kafka.flush();

		try (TopicReader bakingStatus = Infrastructure.get().reader(Topics.BAKING_STATUS);
				TopicReader deadLetters = Infrastructure.get().reader(Topics.deadLetter(Topics.ORDERS))) {
			await().atMost(PATIENCE).untilAsserted(() -> {
				for (UUID orderId : newProduct) {
					assertThat(bakingStatus.values(orderId, BakingStatusChanged.class)).as("order %s", orderId)
						.satisfiesExactly((inOven) -> assertThat(inOven.status()).isEqualTo(IN_OVEN),
								(baked) -> assertThat(baked.status()).isEqualTo(BAKED))
						.allSatisfy((change) -> assertThat(change.station()).isEqualTo("bakery-service@new"));
				}
				for (UUID orderId : oldProduct) {
					assertThat(bakingStatus.values(orderId, BakingStatusChanged.class))
						.extracting(BakingStatusChanged::status)
						.containsExactly(IN_OVEN, BAKED);
				}
			});
			for (UUID orderId : newProduct) {
				assertThat(deadLetters.records(orderId)).as("dead letters of %s", orderId).isEmpty();
			}
		}
	}

	private static UUID send(KafkaTemplate<Object, Object> kafka, int partition, OrderLine line) throws Exception {
		UUID orderId = UUID.randomUUID();
		OrderPlaced order = new OrderPlaced(orderId, "Rolling", List.of(line), Instant.now());
		kafka.send(new ProducerRecord<>(Topics.ORDERS, partition, orderId.toString(), order)).get();
		return orderId;
	}

	private ConfigurableApplicationContext start(String instanceId, String... menu) {
		// As arguments: they win over the service's own file, as on the command line. No
		// spans to the site's Zipkin port: a context of its own gets no test support that
		// turns the export off, as @SpringBootTest's does.
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--bakery.instance-id=" + instanceId, "--bakery.time-scale=0.001",
						"--bakery.outbox.poll-interval=50ms", "--management.tracing.export.zipkin.enabled=false"));
		List.of(menu).forEach((recipe) -> arguments.add("--" + recipe));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BakehouseApplication.class,
				BakeryTestInfrastructure.class)
			.properties(BakehouseApplication.CONFIG_NAME)
			.run(arguments.toArray(String[]::new));
		this.bakehouses.add(context);
		return context;
	}

}
