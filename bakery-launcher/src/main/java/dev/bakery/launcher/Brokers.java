package dev.bakery.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How many Kafka brokers the bakery runs, and everything that follows from that one
 * number ({@code ./bakery up --brokers 3}).
 * <ul>
 * <li>One broker (the default): one process, {@code kafka}, that is broker and KRaft
 * controller at once. Nothing can be replicated: every partition has one copy.</li>
 * <li>Three brokers: {@code kafka}, {@code kafka-2} and {@code kafka-3} on the broker
 * port, + 10 and + 20 (9092, 9102, 9112), and one KRaft controller of their own,
 * {@code kafka-controller}, on the controller port (9093). Every partition has three
 * copies, and a write counts once two of them have it.</li>
 * </ul>
 * Why a controller of its own: the controller quorum decides who leads each partition.
 * Were the three brokers controllers too, stopping two of them would also stop the quorum
 * (a majority of three is two), and nothing could be decided any more; the lab stops two
 * brokers to show what {@code min.insync.replicas} does, so the controller lives apart. A
 * production cluster runs three or five controllers for the same reason.
 *
 * @param count 1 or 3
 */
record Brokers(int count) {

	/** The KRaft controller of a three-broker bakery. */
	static final String CONTROLLER = "kafka-controller";

	/** The node id of {@link #CONTROLLER}; the brokers are nodes 1, 2 and 3. */
	static final int CONTROLLER_NODE = 0;

	static final Brokers ONE = new Brokers(1);

	Brokers {
		if (count != 1 && count != 3) {
			throw new IllegalArgumentException("the bakery runs 1 or 3 brokers, not " + count);
		}
	}

	boolean cluster() {
		return this.count > 1;
	}

	/** The brokers: {@code kafka}, then {@code kafka-2}, {@code kafka-3}. */
	List<ProcessName> brokers() {
		return IntStream.rangeClosed(1, this.count).mapToObj((n) -> new ProcessName(Site.KAFKA, n)).toList();
	}

	/** Every Kafka process: the controller of a cluster first, then the brokers. */
	List<ProcessName> nodes() {
		List<ProcessName> nodes = new ArrayList<>();
		if (cluster()) {
			nodes.add(ProcessName.of(CONTROLLER));
		}
		nodes.addAll(brokers());
		return nodes;
	}

	/**
	 * Where clients find the cluster: every broker, so that any one of them may be down.
	 */
	String bootstrapServers(Site site) {
		return brokers().stream().map((broker) -> "localhost:" + broker.port(site)).collect(Collectors.joining(","));
	}

	/**
	 * Kafka's replication settings for this many brokers, the internal topics' included:
	 * for three, the site's ({@code site.cluster.*}); one broker cannot replicate, so
	 * each of the same settings is 1 there. Every topic gets
	 * {@code default.replication.factor} copies (the services declare theirs without a
	 * replica count), and a producer's {@code acks=all} write succeeds only when
	 * {@code min.insync.replicas} of them have it: with three brokers one may fail and
	 * nothing is lost or refused; with two down, writes are refused rather than kept by
	 * one broker alone.
	 */
	Map<String, String> replication(Site site) {
		Map<String, String> settings = new TreeMap<>(site.clusterReplication());
		if (!cluster()) {
			settings.replaceAll((name, value) -> "1");
		}
		return settings;
	}

}
