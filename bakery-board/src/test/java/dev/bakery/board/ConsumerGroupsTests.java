package dev.bakery.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.board.ConsumerGroupLag.Member;
import dev.bakery.board.ConsumerGroupLag.PartitionLag;
import dev.bakery.board.ConsumerGroupLag.Rebalance;
import dev.bakery.board.ConsumerGroups.Reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What the board reports about a consumer group's members, asked of the real broker: a
 * group of its own on a topic of its own, so that no service's group is disturbed.
 */
class ConsumerGroupsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final String bootstrapServers = Infrastructure.get().kafkaBootstrapServers();

	private final String topic = "board-test-" + UUID.randomUUID();

	private final String group = "board-test-" + UUID.randomUUID();

	private final KafkaAdminApi kafka = new KafkaAdminApi(
			new KafkaAdmin(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers)),
			Duration.ofSeconds(5));

	private final ConsumerGroups groups = new ConsumerGroups(this.kafka,
			List.of(new Reader(this.group, "stand-ins", List.of(this.topic))));

	@AfterEach
	void closeTheAdminClient() {
		this.kafka.destroy();
	}

	@Test
	void marksAMemberThatGotNoPartitionAsIdle() throws Exception {
		withTwoMembersOnATopicOf(1, (lag) -> {
			assertThat(lag.members()).extracting(Member::partitions, Member::idle)
				.containsExactlyInAnyOrder(tuple(List.of(this.topic + "-0"), false), tuple(List.of(), true));
			Member busy = lag.members().stream().filter((member) -> !member.idle()).findFirst().orElseThrow();
			assertThat(lag.partitions()).extracting(PartitionLag::partition, PartitionLag::owner)
				.containsExactly(tuple(0, busy.id()));
		});
	}

	@Test
	void marksNoMemberIdleWhileEachHasAPartition() throws Exception {
		withTwoMembersOnATopicOf(2, (lag) -> assertThat(lag.members()).hasSize(2).allSatisfy((member) -> {
			assertThat(member.partitions()).hasSize(1);
			assertThat(member.idle()).isFalse();
		}));
	}

	@Test
	void remembersEachChangeOfTheGroupsMembersWithThoseBeforeAndAfterAndTheirPartitions() throws Exception {
		createTopic(2);
		// The first look: the group has no members yet, and its history begins here.
		assertThat(this.groups.lag().groups().get(0).members()).isEmpty();
		try (KafkaConsumer<String, String> first = consumer("first")) {
			first.subscribe(List.of(this.topic));
			stable(List.of(first), (lag) -> assertThat(lag.members()).singleElement()
				.satisfies((member) -> assertThat(member.partitions()).hasSize(2)));
			try (KafkaConsumer<String, String> second = consumer("second")) {
				second.subscribe(List.of(this.topic));
				stable(List.of(first, second), (lag) -> assertThat(lag.members()).hasSize(2)
					.allSatisfy((member) -> assertThat(member.partitions()).hasSize(1)));
			}
			ConsumerGroupLag after = stable(List.of(first), (lag) -> assertThat(lag.members()).singleElement()
				.satisfies((member) -> assertThat(member.partitions()).hasSize(2)));

			assertThat(after.rebalances()).as("latest first").hasSize(3);
			Rebalance left = after.rebalances().get(0);
			assertThat(left.before()).extracting(Member::clientId, (member) -> member.partitions().size())
				.containsExactly(tuple("first", 1), tuple("second", 1));
			assertThat(left.after()).extracting(Member::clientId, (member) -> member.partitions().size())
				.containsExactly(tuple("first", 2));
			assertThat(left.state()).isEqualTo("STABLE");
			Rebalance joined = after.rebalances().get(1);
			assertThat(joined.before()).extracting(Member::clientId, Member::partitions)
				.containsExactly(tuple("first", List.of(this.topic + "-0", this.topic + "-1")));
			assertThat(joined.after()).extracting(Member::clientId).containsExactly("first", "second");
			assertThat(joined.after().get(0).host()).isNotBlank();
			Rebalance started = after.rebalances().get(2);
			assertThat(started.before()).isEmpty();
			assertThat(started.after()).extracting(Member::clientId).containsExactly("first");
			assertThat(after.rebalances())
				.allSatisfy((rebalance) -> assertThat(rebalance.since()).as("the change happened between two looks")
					.isBefore(rebalance.at()));
			assertThat(left.since()).isAfterOrEqualTo(joined.at());
		}
	}

	/**
	 * The board's report of the group once it is stable and passes the check, looked at
	 * again and again while the members poll: a member takes part in a rebalance only
	 * while it polls. The test polls them in one thread, as a consumer must not be used
	 * by two at once.
	 */
	private ConsumerGroupLag stable(List<KafkaConsumer<String, String>> members, Consumer<ConsumerGroupLag> check) {
		ConsumerGroupLag[] seen = new ConsumerGroupLag[1];
		await().atMost(PATIENCE).pollInSameThread().untilAsserted(() -> {
			members.forEach((member) -> member.poll(Duration.ofMillis(100)));
			ConsumerGroupLag lag = this.groups.lag().groups().get(0);
			assertThat(lag.state()).isEqualTo("STABLE");
			check.accept(lag);
			seen[0] = lag;
		});
		return seen[0];
	}

	/**
	 * Two members in the group, and the board's report of it once the group is stable,
	 * checked until it passes.
	 */
	private void withTwoMembersOnATopicOf(int partitions, Consumer<ConsumerGroupLag> check) throws Exception {
		createTopic(partitions);
		try (KafkaConsumer<String, String> first = consumer(); KafkaConsumer<String, String> second = consumer()) {
			first.subscribe(List.of(this.topic));
			second.subscribe(List.of(this.topic));
			stable(List.of(first, second), check);
		}
	}

	private void createTopic(int partitions) throws Exception {
		try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(this.topic, partitions, (short) 1))).all().get();
		}
	}

	private KafkaConsumer<String, String> consumer() {
		return consumer("board-test-" + UUID.randomUUID());
	}

	private KafkaConsumer<String, String> consumer(String clientId) {
		return new KafkaConsumer<>(
				Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.GROUP_ID_CONFIG, this.group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.CLIENT_ID_CONFIG, clientId,
						// A member hears of a rebalance with its next heartbeat: soon,
						// rather than
						// after the default three seconds.
						ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500),
				new StringDeserializer(), new StringDeserializer());
	}

}
