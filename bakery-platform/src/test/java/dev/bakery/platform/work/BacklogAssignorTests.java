package dev.bakery.platform.work;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.bakery.infrastructure.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assignor against a real broker: it deals partitions out by the lag the broker
 * reports for the group, and evenly by count when nothing waits.
 */
class BacklogAssignorTests {

	private static final List<String> MEMBERS = List.of("a", "b", "c");

	private final String bootstrap = Infrastructure.get().kafkaBootstrapServers();

	@Test
	void givesEachMemberAnEqualShareOfTheWaitingRecordsNotOfThePartitions() throws Exception {
		String topic = newTopic();
		String group = "backlog-" + UUID.randomUUID();
		// 9 records wait on partition 0, 4 on 1 and 2, 1 on 3, 4 and 5: 20 in all.
		Map<Integer, Integer> waiting = Map.of(0, 9, 1, 4, 2, 4, 3, 1, 4, 1, 5, 1);
		produce(topic, waiting);
		commitBeginnings(topic, group);

		Map<String, List<TopicPartition>> assigned = assign(topic, group);

		Map<String, Integer> work = new HashMap<>();
		assigned.forEach((member, partitions) -> work.put(member,
				partitions.stream().mapToInt((partition) -> waiting.get(partition.partition())).sum()));
		assertThat(assigned.values()).flatExtracting((partitions) -> partitions).hasSize(6).doesNotHaveDuplicates();
		assertThat(work.values()).as("the full partition alone, the others shared by what waits on them")
			.containsExactlyInAnyOrder(9, 6, 5);
		assertThat(assigned.values()).extracting(List::size)
			.as("by count, Kafka's own assignors would give two each")
			.containsExactlyInAnyOrder(1, 2, 3);
	}

	@Test
	void countsTheOrdersAtAMembersStationsAsItsWorkNotAsThePartitions() throws Exception {
		String topic = newTopic();
		String group = "backlog-" + UUID.randomUUID();
		produce(topic, Map.of(0, 9, 1, 4, 2, 4, 3, 1, 4, 1, 5, 1));
		commitBeginnings(topic, group);
		// Member a has 3 orders of partition 0 in its ovens: 6 wait there for anybody.
		Map<String, ByteBuffer> userData = Map.of("a", ByteBuffer.wrap((topic + ":0=3").getBytes()));

		Map<String, List<TopicPartition>> assigned = assign(topic, group, userData);

		assertThat(assigned.get("a")).as("a is busy with 3 already").containsExactly(new TopicPartition(topic, 2));
		assertThat(assigned.get("b")).containsExactlyInAnyOrder(new TopicPartition(topic, 0),
				new TopicPartition(topic, 5));
	}

	@Test
	void dealsThePartitionsOutEvenlyWhenNothingWaits() throws Exception {
		String topic = newTopic();

		Map<String, List<TopicPartition>> assigned = assign(topic, "backlog-" + UUID.randomUUID());

		assertThat(assigned.values()).extracting(List::size).containsExactly(2, 2, 2);
	}

	private Map<String, List<TopicPartition>> assign(String topic, String group) {
		return assign(topic, group, Map.of());
	}

	private Map<String, List<TopicPartition>> assign(String topic, String group, Map<String, ByteBuffer> userData) {
		BacklogAssignor assignor = new BacklogAssignor();
		assignor.configure(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group));
		Node broker = new Node(0, "localhost", 9092);
		Cluster cluster = new Cluster("test", List.of(broker),
				IntStream.range(0, 6)
					.mapToObj((partition) -> new PartitionInfo(topic, partition, broker, new Node[0], new Node[0]))
					.toList(),
				Set.of(), Set.of());
		Map<String, Subscription> subscriptions = new HashMap<>();
		MEMBERS.forEach((member) -> subscriptions.put(member, new Subscription(List.of(topic), userData.get(member))));
		GroupAssignment assignment = assignor.assign(cluster, new GroupSubscription(subscriptions));
		Map<String, List<TopicPartition>> assigned = new HashMap<>();
		assignment.groupAssignment().forEach((member, partitions) -> assigned.put(member, partitions.partitions()));
		return assigned;
	}

	private String newTopic() throws Exception {
		String topic = "backlog-" + UUID.randomUUID();
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
		}
		return topic;
	}

	private void produce(String topic, Map<Integer, Integer> waiting) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap), new StringSerializer(),
				new StringSerializer())) {
			for (Map.Entry<Integer, Integer> partition : waiting.entrySet()) {
				for (int i = 0; i < partition.getValue(); i++) {
					producer.send(new ProducerRecord<>(topic, partition.getKey(), "order-" + i, "{}")).get();
				}
			}
		}
	}

	/** The group has read nothing yet: it committed the start of every partition. */
	private void commitBeginnings(String topic, String group) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> beginnings = new HashMap<>();
		IntStream.range(0, 6)
			.forEach((partition) -> beginnings.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0)));
		try (Admin admin = admin()) {
			admin.alterConsumerGroupOffsets(group, beginnings).all().get();
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap));
	}

}
