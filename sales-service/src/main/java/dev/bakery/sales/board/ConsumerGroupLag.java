package dev.bakery.sales.board;

import java.time.Instant;
import java.util.List;

/**
 * How far one consumer group is behind on the topics it reads, partition by partition.
 *
 * @param group the consumer group
 * @param department the department whose members form it
 * @param topics what it reads
 * @param state the group's state as the broker reports it (e.g. {@code STABLE},
 * {@code EMPTY} when no member runs)
 * @param members the consumers in the group now, with the partitions each one was
 * assigned
 * @param partitions every partition of its topics
 * @param total the sum of all partitions' lag: records written that the group has not yet
 * committed
 */
record ConsumerGroupLag(String group, String department, List<String> topics, String state, List<Member> members,
		List<PartitionLag> partitions, long total) {

	/**
	 * One partition as one group sees it.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param committed the group's committed offset: the next record it will read;
	 * {@code null} if it has committed none yet (it then starts at the beginning of the
	 * log)
	 * @param end the log-end offset: where the next record written will go
	 * @param lag how many records lie between the two
	 * @param owner the id of the member that has the partition now, or {@code null} if
	 * none has
	 */
	record PartitionLag(String topic, int partition, Long committed, long end, long lag, String owner) {
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
	 * All watched groups at one moment.
	 *
	 * @param at when Kafka was asked
	 * @param groups the groups in the order of the flow
	 * @param problem why Kafka could not be asked, or {@code null}
	 */
	record Report(Instant at, List<ConsumerGroupLag> groups, String problem) {

		static Report unavailable(String problem) {
			return new Report(Instant.now(), List.of(), problem);
		}

	}

}
