package dev.bakery.board;

import java.time.Instant;
import java.util.List;

/**
 * The Kafka cluster at one moment, as the board shows it: which brokers are up, which
 * controller is active, and for each partition of the bakery's topics its leader, its
 * replicas and those of them in sync (the ISR). A stopped broker leads no partition and
 * drops out of every ISR; started again, it catches up and rejoins them. Also how many
 * events wait at the till because Kafka does not take them.
 *
 * @param at when Kafka was asked
 * @param brokers every broker that is up or holds a replica, by id
 * @param controllers the KRaft controllers (the metadata quorum's voters) by id; empty if
 * the quorum could not be asked
 * @param topics the bakery's topics, in the order of the flow
 * @param underReplicated how many partitions have fewer replicas in sync than they have
 * replicas
 * @param withoutLeader how many partitions have no leader: nobody can write to them or
 * read from them
 * @param waitingAtTill how many events the till has taken and stored in its outbox that
 * Kafka has not acknowledged yet, or {@code null} if the till does not say
 * @param problem why Kafka could not be asked, or {@code null}
 * @param connect the Kafka Connect worker and its connectors, or {@code null} if not
 * asked
 */
record ClusterView(Instant at, List<Broker> brokers, List<Controller> controllers, List<Topic> topics,
		int underReplicated, int withoutLeader, Long waitingAtTill, String problem, ConnectView connect) {

	static ClusterView unavailable(String problem) {
		return new ClusterView(Instant.now(), List.of(), List.of(), List.of(), 0, 0, null, problem, null);
	}

	/** This view with what waits in the till's outbox, and the Connect worker. */
	ClusterView with(Long waiting, ConnectView connect) {
		return new ClusterView(this.at, this.brokers, this.controllers, this.topics, this.underReplicated,
				this.withoutLeader, waiting, this.problem, connect);
	}

	/**
	 * A broker.
	 *
	 * @param id its {@code node.id}
	 * @param address where it listens, {@code host:port}; {@code null} while it is down
	 * @param up whether it is registered with the controller and serves clients
	 * @param controller whether it is also the active controller (a combined node, as in
	 * the one-broker bakery)
	 * @param leads how many of the topics' partitions it leads
	 * @param outOfSync how many of its replicas are not in sync: all of them while it is
	 * down, then fewer while it catches up
	 */
	record Broker(int id, String address, boolean up, boolean controller, int leads, int outOfSync) {
	}

	/**
	 * A controller: a voter of the KRaft metadata quorum.
	 *
	 * @param id its {@code node.id}
	 * @param address where it listens for the quorum, {@code host:port}, if the quorum
	 * says
	 * @param active whether it is the quorum's leader, the controller that decides
	 * @param broker whether the same node is also a broker
	 */
	record Controller(int id, String address, boolean active, boolean broker) {
	}

	/**
	 * A topic and where its partitions live.
	 *
	 * @param topic its name
	 * @param partitions its partitions by number
	 */
	record Topic(String topic, List<Partition> partitions) {
	}

	/**
	 * One partition's replicas.
	 *
	 * @param partition its number
	 * @param leader the broker that leads it, or {@code null} if none does
	 * @param replicas the brokers that hold a copy, the preferred leader first
	 * @param isr the replicas in sync with the leader (the leader among them)
	 * @param underReplicated whether a replica is out of sync
	 */
	record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr,
			boolean underReplicated) {
	}

}
