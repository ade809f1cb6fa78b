package dev.bakery.platform.work;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares a group's partitions out by the work waiting on them, not by their number.
 * Kafka's own assignors give each member an equal count of partitions; but keys land on
 * partitions at random, so after a burst some partitions hold twice the orders of others,
 * and the member that gets the fullest ones decides when the backlog is gone. This one
 * asks the broker for each partition's lag (its log-end offset less the group's committed
 * offset: the orders waiting there) and hands the partitions out fullest first, each to
 * the member with the least work so far (longest processing time first); with no backlog
 * it deals them out evenly by count. Orders already at a member's stations are part of
 * the lag but not work for anyone else: each member tells the leader how many it has from
 * which partition (in its subscription's user data), and they count as that member's
 * work, not as the partition's.
 * <p>
 * It runs in the group's leader during a rebalance. Moving a partition costs a department
 * with stations nothing (see {@link Workstations}), so it is an eager assignor: every
 * rebalance deals all partitions anew.
 */
public class BacklogAssignor implements ConsumerPartitionAssignor, Configurable {

	private static final Logger log = LoggerFactory.getLogger(BacklogAssignor.class);

	/** The consumer configuration key under which this member's stations come. */
	public static final String STATIONS_CONFIG = "bakery.workstations";

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	private Map<String, Object> admin = Map.of();

	private String group;

	private Workstations<?> stations;

	@Override
	public void configure(Map<String, ?> configs) {
		this.admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				configs.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
		this.group = (String) configs.get(ConsumerConfig.GROUP_ID_CONFIG);
		this.stations = (Workstations<?>) configs.get(STATIONS_CONFIG);
	}

	/**
	 * What is at this member's stations, as {@code topic:partition=count;...}; on a
	 * second line {@code can=} what it can do that not every member may, and on a third
	 * {@code needs=} what the next record of a partition needs that it lacks, as
	 * {@code topic:partition=skill+skill;...}.
	 */
	@Override
	public ByteBuffer subscriptionUserData(Set<String> topics) {
		if (this.stations == null) {
			return null;
		}
		String atStations = this.stations.atStations()
			.entrySet()
			.stream()
			.map((partition) -> partition.getKey().topic() + ":" + partition.getKey().partition() + "="
					+ partition.getValue())
			.collect(Collectors.joining(";"));
		String needs = this.stations.needs()
			.entrySet()
			.stream()
			.map((need) -> need.getKey().topic() + ":" + need.getKey().partition() + "="
					+ String.join("+", need.getValue()))
			.collect(Collectors.joining(";"));
		String data = atStations + "\n" + CAN + String.join(",", this.stations.skills()) + "\n" + NEEDS + needs;
		return ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8));
	}

	private static final String CAN = "can=";

	private static final String NEEDS = "needs=";

	private static String[] lines(Subscription subscription) {
		ByteBuffer data = subscription.userData();
		return (data != null) ? StandardCharsets.UTF_8.decode(data.duplicate()).toString().split("\n", -1)
				: new String[] { "" };
	}

	/**
	 * What a member can do that not every member may; null if it does not say (it can do
	 * whatever its group can).
	 */
	static Set<String> skills(Subscription subscription) {
		for (String line : lines(subscription)) {
			if (line.startsWith(CAN)) {
				return Set.of(line.substring(CAN.length()).split(","));
			}
		}
		return null;
	}

	/** What the next record of a partition needs that the member lacks. */
	static Map<TopicPartition, Set<String>> needs(Subscription subscription) {
		Map<TopicPartition, Set<String>> needs = new HashMap<>();
		for (String line : lines(subscription)) {
			if (line.startsWith(NEEDS) && line.length() > NEEDS.length()) {
				for (String entry : line.substring(NEEDS.length()).split(";")) {
					int colon = entry.lastIndexOf(':');
					int equals = entry.lastIndexOf('=');
					needs.put(
							new TopicPartition(entry.substring(0, colon),
									Integer.parseInt(entry.substring(colon + 1, equals))),
							Set.of(entry.substring(equals + 1).split("\\+")));
				}
			}
		}
		return needs;
	}

	static Map<TopicPartition, Integer> atStations(Subscription subscription) {
		Map<TopicPartition, Integer> atStations = new HashMap<>();
		String text = lines(subscription)[0];
		for (String entry : text.split(";")) {
			int colon = entry.lastIndexOf(':');
			int equals = entry.lastIndexOf('=');
			if (colon > 0 && equals > colon) {
				atStations.put(
						new TopicPartition(entry.substring(0, colon),
								Integer.parseInt(entry.substring(colon + 1, equals))),
						Integer.parseInt(entry.substring(equals + 1)));
			}
		}
		return atStations;
	}

	@Override
	public String name() {
		return "backlog";
	}

	@Override
	public GroupAssignment assign(Cluster metadata, GroupSubscription subscriptions) {
		Map<String, Subscription> members = new TreeMap<>(subscriptions.groupSubscription());
		List<TopicPartition> partitions = members.values()
			.stream()
			.flatMap((subscription) -> subscription.topics().stream())
			.distinct()
			.flatMap((topic) -> metadata.partitionsForTopic(topic).stream())
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
			.toList();
		Map<TopicPartition, Long> backlog = new HashMap<>(backlog(partitions));
		Map<String, List<TopicPartition>> assigned = new TreeMap<>();
		Map<String, Long> work = new HashMap<>();
		members.forEach((member, subscription) -> {
			assigned.put(member, new ArrayList<>());
			Map<TopicPartition, Integer> busy = atStations(subscription);
			work.put(member, busy.values().stream().mapToLong(Integer::longValue).sum());
			busy.forEach(
					(partition, count) -> backlog.computeIfPresent(partition, (key, lag) -> Math.max(0, lag - count)));
		});
		List<TopicPartition> fullestFirst = new ArrayList<>(partitions);
		fullestFirst.removeAll(toMembersThatCan(members, partitions, backlog, assigned, work));
		fullestFirst.sort(Comparator.comparing((TopicPartition partition) -> -backlog.getOrDefault(partition, 0L)));
		for (TopicPartition partition : fullestFirst) {
			members.entrySet()
				.stream()
				.filter((member) -> member.getValue().topics().contains(partition.topic()))
				.map(Map.Entry::getKey)
				.min(Comparator.<String, Long>comparing(work::get)
					.thenComparing((member) -> assigned.get(member).size())
					.thenComparing(Comparator.naturalOrder()))
				.ifPresent((member) -> {
					assigned.get(member).add(partition);
					work.merge(member, backlog.getOrDefault(partition, 0L), Long::sum);
				});
		}
		log.info("Assigned by backlog {}: {}", backlog.values().stream().mapToLong(Long::longValue).sum(),
				assigned.entrySet()
					.stream()
					.map((member) -> member.getKey() + " " + member.getValue() + " (" + work.get(member.getKey()) + ")")
					.collect(Collectors.joining(", ")));
		return new GroupAssignment(assigned.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (member) -> new Assignment(member.getValue()))));
	}

	/**
	 * First the partitions whose next record needs what the member that had it lacks (a
	 * product it cannot bake yet, while an upgrade rolls): each to the member with the
	 * least work of those that can do it, or back to the one that had it if none can
	 * (there it waits, without asking again, until a member that can joins).
	 * @return the partitions dealt out
	 */
	private static Set<TopicPartition> toMembersThatCan(Map<String, Subscription> members,
			List<TopicPartition> partitions, Map<TopicPartition, Long> backlog,
			Map<String, List<TopicPartition>> assigned, Map<String, Long> work) {
		Set<TopicPartition> dealt = new java.util.HashSet<>();
		members.forEach((asking, subscription) -> needs(subscription).forEach((partition, skills) -> {
			if (!partitions.contains(partition) || !dealt.add(partition)) {
				return;
			}
			String member = members.entrySet()
				.stream()
				.filter((candidate) -> candidate.getValue().topics().contains(partition.topic()))
				.filter((candidate) -> {
					Set<String> can = skills(candidate.getValue());
					return can == null || can.containsAll(skills);
				})
				.map(Map.Entry::getKey)
				.min(Comparator.<String, Long>comparing(work::get)
					.thenComparing((candidate) -> assigned.get(candidate).size())
					.thenComparing(Comparator.naturalOrder()))
				.orElse(asking);
			assigned.get(member).add(partition);
			work.merge(member, backlog.getOrDefault(partition, 0L), Long::sum);
			log.info("{} needs {}: to {}{}", partition, skills, member,
					member.equals(asking) ? " again, no member can do it yet" : "");
		}));
		return dealt;
	}

	/**
	 * The lag of each partition; none (every partition alike) if the broker does not say.
	 */
	private Map<TopicPartition, Long> backlog(List<TopicPartition> partitions) {
		try (Admin admin = Admin.create(this.admin)) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			Map<TopicPartition, Long> backlog = new HashMap<>();
			admin
				.listOffsets(partitions.stream()
					.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest())))
				.all()
				.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
				.forEach((partition, end) -> {
					OffsetAndMetadata position = committed.get(partition);
					backlog.put(partition, end.offset() - ((position != null) ? position.offset() : 0));
				});
			return backlog;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Could not ask for the backlog; assigning by count: {}", ex.getMessage());
			return Map.of();
		}
	}

}
