package dev.bakery.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far one consumer group is behind on the topics it reads, partition by partition.
 *
 * @param group the consumer group
 * @param department the department whose members form it
 * @param topics what it reads
 * @param state the group's state as the broker reports it (e.g. {@code STABLE},
 * {@code EMPTY} when no member runs)
 * @param epoch the group's epoch as the broker reports it for a group of the consumer
 * rebalance protocol (KIP-848); {@code null} for a classic group, whose generation the
 * admin API does not tell
 * @param members the consumers in the group now, with the partitions each one was
 * assigned
 * @param partitions every partition of its topics
 * @param total the sum of all partitions' lag: records written that the group has not yet
 * committed
 * @param rebalances the last changes of the group's members the board noticed, latest
 * first; at most {@value RebalanceHistory#KEPT}
 */
record ConsumerGroupLag(String group, String department, List<String> topics, String state, Integer epoch,
		List<Member> members, List<PartitionLag> partitions, long total, List<Rebalance> rebalances) {

	ConsumerGroupLag withRebalances(List<Rebalance> noticed) {
		return new ConsumerGroupLag(this.group, this.department, this.topics, this.state, this.epoch, this.members,
				this.partitions, this.total, List.copyOf(noticed));
	}

	/** The records the group has read: the records in its topics' logs, less its lag. */
	long read() {
		return Math.max(0, stored() - this.total);
	}

	/** The records in its topics' logs: from each partition's log start to its end. */
	long stored() {
		return this.partitions.stream().mapToLong((partition) -> partition.end() - partition.start()).sum();
	}

	/**
	 * How far the group has read, over all its partitions: the sum of its committed
	 * offsets (the log start where it has committed none). It grows by every record the
	 * group finishes; its growth per second is the group's throughput.
	 */
	long position() {
		return this.partitions.stream()
			.mapToLong((partition) -> (partition.committed() != null) ? partition.committed() : partition.start())
			.sum();
	}

	/**
	 * How far its topics have been written, over all their partitions: the sum of their
	 * log-end offsets. Its growth per second is what comes in for the group.
	 */
	long written() {
		return this.partitions.stream().mapToLong(PartitionLag::end).sum();
	}

	/**
	 * One partition as one group sees it.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param committed the group's committed offset: the next record it will read;
	 * {@code null} if it has committed none yet (it then starts at the beginning of the
	 * log)
	 * @param start the log-start offset: the first record the log still keeps
	 * @param end the log-end offset: where the next record written will go
	 * @param lag how many records lie between the two
	 * @param owner the id of the member that has the partition now, or {@code null} if
	 * none has
	 */
	record PartitionLag(String topic, int partition, Long committed, long start, long end, long lag, String owner) {
	}

	/**
	 * A consumer in the group.
	 *
	 * @param id its member id, which the broker gave it when it joined; unique, unlike
	 * the client id, which two instances of a department may share
	 * @param clientId the client id it connected with
	 * @param host where it connected from
	 * @param partitions its assigned partitions, as {@code topic-partition}
	 * @param idle whether it was assigned no partition at all: a group with more members
	 * than partitions keeps the rest as stand-ins that read nothing until a busy member
	 * leaves
	 */
	record Member(String id, String clientId, String host, List<String> partitions, boolean idle) {
	}

	/**
	 * A change of the group's members, noticed between two of the board's looks: who was
	 * in the group before, who is in it after. A member that left or joined is one of the
	 * two lists only; a member in both may have been dealt other partitions.
	 *
	 * @param at the look that noticed it
	 * @param since the look before, when the members were still those before: the change
	 * happened in between
	 * @param state the group's state at the look that noticed it (a rebalance may still
	 * be under way)
	 * @param epoch the group's epoch after, if the broker reports one (see
	 * {@link ConsumerGroupLag#epoch})
	 * @param before the members before, with their partitions
	 * @param after the members after, with their partitions as the board last saw them
	 * while the members stayed these
	 */
	record Rebalance(Instant at, Instant since, String state, Integer epoch, List<Member> before, List<Member> after) {
	}

	/**
	 * All watched groups at one moment.
	 *
	 * @param at when Kafka was asked
	 * @param groups the groups in the order of the flow
	 * @param replay how the counter reads its topics after it was last seen behind, or
	 * {@code null} (see {@link CounterReplay})
	 * @param problem why Kafka could not be asked, or {@code null}
	 */
	record Report(Instant at, List<ConsumerGroupLag> groups, CounterReplay replay, String problem) {

		static Report unavailable(String problem) {
			return new Report(Instant.now(), List.of(), null, problem);
		}

		Report withReplay(CounterReplay followed) {
			return new Report(this.at, this.groups, followed, this.problem);
		}

		/** The group of this name, if it is watched and Kafka answered. */
		Optional<ConsumerGroupLag> group(String name) {
			return this.groups.stream().filter((group) -> group.group().equals(name)).findFirst();
		}

	}

}
