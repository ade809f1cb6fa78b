package dev.bakery.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import dev.bakery.events.Topics;
import dev.bakery.board.ClusterView.Broker;
import dev.bakery.board.ClusterView.Controller;
import dev.bakery.board.ClusterView.Partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What the board reports about a cluster of three brokers, asked of a real one, set up as
 * the bakery's cluster mode is: one controller of its own and three brokers (Apache
 * Kafka's own test kit, in this JVM), replication factor 3 and
 * {@code min.insync.replicas=2}. A broker that stops is shown down, its partitions led by
 * the other two with an ISR of two; started again, it catches up and rejoins every ISR.
 * <p>
 * Not spring-kafka-test's {@code EmbeddedKafkaKraftBroker(3, ...)}: it runs three nodes
 * that are broker and controller in one, and with Kafka 4.2.1 the raft threads of two of
 * those controllers die at start-up ("Received unexpected invalid request error" in
 * {@code handleUpdateVoterResponse}), which leaves the quorum without a majority. One
 * controller of its own, as in the bakery, has no such trouble, and no broker hosts it.
 */
class KafkaClusterTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final int PARTITIONS = 3;

	private static final int ALL_PARTITIONS = PARTITIONS * Topics.ALL.size();

	private static KafkaClusterTestKit kafka;

	private static KafkaAdminApi admin;

	private static KafkaCluster cluster;

	@BeforeAll
	static void startAControllerAndThreeBrokers() throws Exception {
		kafka = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3).build())
			.setConfigProp("default.replication.factor", "3")
			.setConfigProp("min.insync.replicas", "2")
			.setConfigProp("offsets.topic.replication.factor", "3")
			.setConfigProp("num.partitions", String.valueOf(PARTITIONS))
			.build();
		kafka.format();
		kafka.startup();
		kafka.waitForReadyBrokers();
		Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		// As the departments create them: partitions and replicas as the brokers'
		// defaults say.
		try (Admin topics = Admin.create(client)) {
			topics
				.createTopics(Topics.ALL.stream()
					.map((topic) -> new NewTopic(topic, Optional.empty(), Optional.empty()))
					.toList())
				.all()
				.get();
		}
		admin = new KafkaAdminApi(new KafkaAdmin(client), Duration.ofSeconds(5));
		cluster = new KafkaCluster(admin);
	}

	@AfterAll
	static void stopThem() throws Exception {
		if (admin != null) {
			admin.destroy();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void showsAStoppedBrokerDownWithItsPartitionsLedByTheOthersUntilItCatchesUpAgain() {
		ClusterView whole = awaitView((view) -> {
			assertThat(view.problem()).isNull();
			assertThat(view.brokers()).extracting(Broker::id, Broker::up, Broker::outOfSync)
				.containsExactly(tuple(0, true, 0), tuple(1, true, 0), tuple(2, true, 0));
			assertThat(view.brokers()).allSatisfy((broker) -> assertThat(broker.address()).startsWith("localhost:"));
			assertThat(partitionsOf(view)).hasSize(ALL_PARTITIONS).allSatisfy((partition) -> {
				assertThat(partition.leader()).isNotNull();
				assertThat(partition.replicas()).containsExactlyInAnyOrder(0, 1, 2);
				assertThat(partition.isr()).containsExactly(0, 1, 2);
				assertThat(partition.underReplicated()).isFalse();
			});
			assertThat(view.underReplicated()).isZero();
			assertThat(view.withoutLeader()).isZero();
		});
		assertThat(whole.brokers().stream().mapToInt(Broker::leads).sum()).isEqualTo(ALL_PARTITIONS);
		int controller = kafka.controllers().keySet().iterator().next();
		assertThat(whole.controllers()).singleElement().satisfies((active) -> {
			assertThat(active.id()).isEqualTo(controller);
			assertThat(active.active()).isTrue();
			assertThat(active.broker()).as("a controller of its own").isFalse();
			assertThat(active.address()).startsWith("localhost:");
		});
		assertThat(whole.brokers()).noneMatch(Broker::controller);
		int stopped = 1;

		BrokerServer broker = kafka.brokers().get(stopped);
		broker.shutdown();
		broker.awaitShutdown();

		awaitView((view) -> {
			assertThat(brokerOf(view, stopped)).satisfies((down) -> {
				assertThat(down.up()).isFalse();
				assertThat(down.address()).isNull();
				assertThat(down.leads()).isZero();
				assertThat(down.outOfSync()).isEqualTo(ALL_PARTITIONS);
			});
			assertThat(partitionsOf(view)).allSatisfy((partition) -> {
				assertThat(partition.leader()).isNotNull().isNotEqualTo(stopped);
				assertThat(partition.replicas()).contains(stopped);
				assertThat(partition.isr()).hasSize(2).doesNotContain(stopped);
				assertThat(partition.underReplicated()).isTrue();
			});
			assertThat(view.underReplicated()).isEqualTo(ALL_PARTITIONS);
			assertThat(view.withoutLeader()).isZero();
			assertThat(view.controllers()).extracting(Controller::id, Controller::active)
				.containsExactly(tuple(controller, true));
		});

		broker.startup();

		awaitView((view) -> {
			assertThat(brokerOf(view, stopped)).satisfies((back) -> {
				assertThat(back.up()).isTrue();
				assertThat(back.address()).startsWith("localhost:");
				assertThat(back.outOfSync()).isZero();
			});
			assertThat(partitionsOf(view)).allSatisfy((partition) -> {
				assertThat(partition.isr()).containsExactly(0, 1, 2);
				assertThat(partition.underReplicated()).isFalse();
			});
			assertThat(view.underReplicated()).isZero();
		});
	}

	/** The cluster as the board reports it, once it passes the check. */
	private static ClusterView awaitView(Consumer<ClusterView> check) {
		AtomicReference<ClusterView> passed = new AtomicReference<>();
		await().atMost(PATIENCE).untilAsserted(() -> {
			ClusterView view = cluster.view();
			check.accept(view);
			passed.set(view);
		});
		return passed.get();
	}

	private static List<Partition> partitionsOf(ClusterView view) {
		assertThat(view.topics()).extracting(ClusterView.Topic::topic).containsExactlyElementsOf(Topics.ALL);
		return view.topics().stream().flatMap((topic) -> topic.partitions().stream()).toList();
	}

	private static Broker brokerOf(ClusterView view, int id) {
		return view.brokers()
			.stream()
			.filter((broker) -> broker.id() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No broker " + id + " in " + view));
	}

}
