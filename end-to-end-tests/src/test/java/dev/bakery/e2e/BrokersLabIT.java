package dev.bakery.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.events.Topics;
import dev.bakery.labs.BrokersLab;
import dev.bakery.runtime.Bakery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab brokers} on this JVM's bakery, which runs three brokers and a KRaft
 * controller, each a process: every partition has three replicas; a broker killed with
 * kill -9 loses its leaderships; with a second one stopped the cluster refuses the till's
 * writes (NOT_ENOUGH_REPLICAS) while the till still takes orders into its outbox; both
 * come back, catch up, and every order reaches the counter once.
 */
@Order(9)
class BrokersLabIT {

	private final Bakery bakery = TheBakery.withThreeBrokers();

	@Test
	void everyPartitionHasThreeReplicasOnThreeBrokers() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bakery.bootstrapServers()))) {
			List<String> topics = Stream.concat(Topics.ALL.stream(), Stream.of("__consumer_offsets")).toList();
			Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
			assertThat(described.values()).allSatisfy((topic) -> assertThat(topic.partitions()).as(topic.name())
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3)));
		}
	}

	@Test
	void aCrashedBrokersPartitionsFailOverAndWithTwoDownTheOrdersWaitInTheOutboxUntilTheyReturn() {
		BrokersLab.Result result = new BrokersLab(this.bakery, new PrintStream(System.out, true),
				new BrokersLab.Phases(Duration.ofSeconds(12), Duration.ofMillis(500)))
			.run();

		assertThat(result.ledByTheCrashed()).as("partitions kafka-2 led").isPositive();
		assertThat(result.stillLedByTheCrashed()).as("partitions it still led after the crash").isZero();
		assertThat(result.placedWithTwoDown()).as("orders the till took with two brokers down").isPositive();
		assertThat(result.reachedKafkaWithTwoDown()).as("of them, on bakery.orders meanwhile").isZero();
		assertThat(result.notEnoughReplicas()).as("NOT_ENOUGH_REPLICAS answers to the till").isPositive();
		assertThat(result.fullyInSyncAgain()).as("three in-sync replicas again").isTrue();
		assertThat(result.lost()).as("lost").isZero();
		assertThat(result.doubled()).as("doubled").isZero();
	}

}
