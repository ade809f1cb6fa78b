package dev.bakery.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.bakery.events.Topics;
import dev.bakery.board.ConsumerGroupLag.Member;
import dev.bakery.board.ConsumerGroupLag.PartitionLag;
import dev.bakery.board.ConsumerGroupLag.Report;

/**
 * The bakery's three consumer groups as Kafka's admin API sees them: for each partition
 * of the topics a group reads, the group's committed offset against the log-end offset.
 * The difference is the group's lag, the work that waits for the department: it grows
 * while a department is stopped and drains when it is back. Each look is also compared
 * with the one before, so that a change of a group's members (a rebalance) stays on the
 * board after the group has settled again.
 */
@Component
class ConsumerGroups {

	/** The counter's group: the board's own service reads with it. */
	static final String COUNTER = "sales";

	/** The groups, in the order of the flow, with the topics each reads. */
	static final List<Reader> READERS = List.of(new Reader("bakery", "bake house", List.of(Topics.ORDERS)),
			new Reader("packaging", "packaging", List.of(Topics.BAKING_STATUS)),
			new Reader(COUNTER, "counter", Topics.ALL));

	private final List<Reader> readers;

	private final KafkaAdminApi kafka;

	private final RebalanceHistory history = new RebalanceHistory();

	@Autowired
	ConsumerGroups(KafkaAdminApi kafka) {
		this(kafka, READERS);
	}

	/** Watches other groups than the bakery's, e.g. a test's own. */
	ConsumerGroups(KafkaAdminApi kafka, List<Reader> readers) {
		this.kafka = kafka;
		this.readers = List.copyOf(readers);
	}

	/**
	 * Asks Kafka where every group stands; a report with a problem, never an exception,
	 * if Kafka does not answer.
	 */
	Report lag() {
		return this.kafka.ask("the consumer groups' lag", this::lagAsked, Report::unavailable);
	}

	private Report lagAsked(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
		Instant asked = Instant.now();
		Set<String> topics = this.readers.stream()
			.flatMap((reader) -> reader.topics().stream())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		List<TopicPartition> partitions = partitionsOf(admin, topics);
		Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
		// A group that has committed nothing on a partition yet starts at its beginning
		// (auto-offset-reset: earliest), so everything still in the log there is its lag.
		Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
		Map<String, ConsumerGroupDescription> descriptions = describe(admin);
		List<ConsumerGroupLag> groups = new ArrayList<>();
		for (Reader reader : this.readers) {
			groups.add(lagOf(reader, descriptions.get(reader.group()), committed(admin, reader.group()), partitions,
					starts, ends));
		}
		return new Report(Instant.now(), this.history.looked(asked, groups), null, null);
	}

	private static ConsumerGroupLag lagOf(Reader reader, ConsumerGroupDescription description,
			Map<TopicPartition, OffsetAndMetadata> committed, List<TopicPartition> partitions,
			Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
		List<Member> members = new ArrayList<>();
		Map<TopicPartition, String> owners = new HashMap<>();
		if (description != null) {
			for (MemberDescription member : description.members()) {
				List<TopicPartition> assigned = member.assignment()
					.topicPartitions()
					.stream()
					.sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
					.toList();
				assigned.forEach((partition) -> owners.put(partition, member.consumerId()));
				members.add(new Member(member.consumerId(), member.clientId(), member.host(),
						assigned.stream().map(TopicPartition::toString).toList(), assigned.isEmpty()));
			}
			members.sort(Comparator.comparing(Member::clientId).thenComparing(Member::id));
		}
		List<PartitionLag> lags = new ArrayList<>();
		long total = 0;
		for (TopicPartition partition : partitions) {
			if (!reader.topics().contains(partition.topic())) {
				continue;
			}
			OffsetAndMetadata position = committed.get(partition);
			Long offset = (position != null) ? position.offset() : null;
			long end = ends.getOrDefault(partition, 0L);
			long from = (offset != null) ? offset : starts.getOrDefault(partition, 0L);
			long lag = Math.max(0, end - from);
			total += lag;
			lags.add(new PartitionLag(partition.topic(), partition.partition(), offset,
					starts.getOrDefault(partition, 0L), end, lag, owners.get(partition)));
		}
		String state = (description != null) ? description.groupState().name() : "UNKNOWN";
		Integer epoch = (description != null) ? description.groupEpoch().orElse(null) : null;
		return new ConsumerGroupLag(reader.group(), reader.department(), reader.topics(), state, epoch, members, lags,
				total, List.of());
	}

	private List<TopicPartition> partitionsOf(Admin admin, Set<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, TopicDescription> described = this.kafka.answer(admin.describeTopics(topics).allTopicNames());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			described.get(topic)
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.sorted(Comparator.comparing(TopicPartition::partition))
				.forEach(partitions::add);
		}
		return partitions;
	}

	private Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, ListOffsetsResultInfo> offsets = this.kafka.answer(admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (partition) -> spec)))
			.all());
		return offsets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private Map<String, ConsumerGroupDescription> describe(Admin admin) throws InterruptedException, TimeoutException {
		Map<String, ConsumerGroupDescription> descriptions = new HashMap<>();
		admin.describeConsumerGroups(this.readers.stream().map(Reader::group).toList())
			.describedGroups()
			.forEach((group, description) -> {
				try {
					descriptions.put(group, this.kafka.answer(description));
				}
				catch (ExecutionException | TimeoutException ex) {
					// A group that has never had a member does not exist yet: no members,
					// no description.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		return descriptions;
	}

	private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
			throws InterruptedException, TimeoutException {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = this.kafka
				.answer(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
			Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
			// A partition without a committed offset comes back with null.
			committed.forEach((partition, offset) -> {
				if (offset != null) {
					known.put(partition, offset);
				}
			});
			return known;
		}
		catch (ExecutionException ex) {
			// No such group yet: it has committed nothing.
			return Map.of();
		}
	}

	/**
	 * A consumer group of the bakery.
	 *
	 * @param group its id
	 * @param department the department that runs its members
	 * @param topics the topics it reads
	 */
	record Reader(String group, String department, List<String> topics) {
	}

}
