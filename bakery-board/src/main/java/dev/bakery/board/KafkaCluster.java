package dev.bakery.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import org.springframework.stereotype.Component;

import dev.bakery.events.Topics;
import dev.bakery.board.ClusterView.Broker;
import dev.bakery.board.ClusterView.Controller;
import dev.bakery.board.ClusterView.Partition;
import dev.bakery.board.ClusterView.Topic;

/**
 * The Kafka cluster as its admin API describes it: the live brokers
 * ({@code describeCluster}), the KRaft metadata quorum with its active controller
 * ({@code describeMetadataQuorum}), and the leader, replicas and in-sync replicas of
 * every partition of the bakery's topics ({@code describeTopics}).
 */
@Component
class KafkaCluster {

	private final KafkaAdminApi kafka;

	KafkaCluster(KafkaAdminApi kafka) {
		this.kafka = kafka;
	}

	/**
	 * Asks Kafka how the cluster stands; a view with a problem, never an exception, if
	 * Kafka does not answer.
	 */
	ClusterView view() {
		return this.kafka.ask("the cluster's state", this::viewAsked, ClusterView::unavailable);
	}

	private ClusterView viewAsked(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
		// Three questions at once: together they take as long as the slowest.
		KafkaFuture<Collection<Node>> nodes = admin.describeCluster().nodes();
		KafkaFuture<QuorumInfo> quorum = admin.describeMetadataQuorum().quorumInfo();
		KafkaFuture<Map<String, TopicDescription>> described = admin.describeTopics(Topics.ALL).allTopicNames();
		Map<Integer, Node> live = this.kafka.answer(nodes)
			.stream()
			.collect(Collectors.toMap(Node::id, Function.identity()));
		Map<String, TopicDescription> descriptions = this.kafka.answer(described);
		QuorumInfo metadataQuorum = quorumOrNull(quorum);
		Integer active = (metadataQuorum != null && metadataQuorum.leaderId() >= 0) ? metadataQuorum.leaderId() : null;

		List<Topic> topics = new ArrayList<>();
		for (String name : Topics.ALL) {
			topics.add(new Topic(name,
					descriptions.get(name)
						.partitions()
						.stream()
						.map(KafkaCluster::partitionOf)
						.sorted(Comparator.comparing(Partition::partition))
						.toList()));
		}
		List<Partition> partitions = topics.stream().flatMap((topic) -> topic.partitions().stream()).toList();
		// A broker that is down is still named as a replica of its partitions.
		Set<Integer> ids = new TreeSet<>(live.keySet());
		partitions.forEach((partition) -> ids.addAll(partition.replicas()));
		List<Broker> brokers = ids.stream().map((id) -> {
			Node node = live.get(id);
			int leads = count(partitions, (partition) -> id.equals(partition.leader()));
			int outOfSync = count(partitions,
					(partition) -> partition.replicas().contains(id) && !partition.isr().contains(id));
			return new Broker(id, (node != null) ? node.host() + ":" + node.port() : null, node != null,
					id.equals(active), leads, outOfSync);
		}).toList();
		return new ClusterView(Instant.now(), brokers, controllersOf(metadataQuorum, ids), topics,
				count(partitions, Partition::underReplicated),
				count(partitions, (partition) -> partition.leader() == null), null, null, null);
	}

	private static int count(List<Partition> partitions, Predicate<Partition> which) {
		return (int) partitions.stream().filter(which).count();
	}

	private static Partition partitionOf(TopicPartitionInfo info) {
		Integer leader = (info.leader() != null && info.leader().id() >= 0) ? info.leader().id() : null;
		List<Integer> replicas = info.replicas().stream().map(Node::id).toList();
		List<Integer> isr = info.isr().stream().map(Node::id).sorted().toList();
		return new Partition(info.partition(), leader, replicas, isr, isr.size() < replicas.size());
	}

	/**
	 * The quorum, or {@code null} if it does not answer: without an active controller the
	 * brokers still describe themselves and their partitions as they last knew them.
	 */
	private QuorumInfo quorumOrNull(KafkaFuture<QuorumInfo> quorum) throws InterruptedException {
		try {
			return this.kafka.answer(quorum);
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	private static List<Controller> controllersOf(QuorumInfo quorum, Set<Integer> brokers) {
		if (quorum == null) {
			return List.of();
		}
		Set<Integer> voters = new TreeSet<>();
		quorum.voters().forEach((voter) -> voters.add(voter.replicaId()));
		return voters.stream().map((id) -> {
			QuorumInfo.Node node = quorum.nodes().get(id);
			String address = (node != null) ? node.endpoints()
				.stream()
				.findFirst()
				.map((endpoint) -> endpoint.host() + ":" + endpoint.port())
				.orElse(null) : null;
			return new Controller(id, address, id == quorum.leaderId(), brokers.contains(id));
		}).toList();
	}

}
