package dev.bakery.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How many Kafka brokers run, and all that follows from that one number.
 * <ul>
 * <li>One (the default): {@code kafka}, broker and KRaft controller at once; every
 * partition has one copy.</li>
 * <li>Three: {@code kafka}, {@code kafka-2}, {@code kafka-3} on the broker port, + 10, +
 * 20, and a KRaft controller of their own, {@code kafka-controller}. The controller lives
 * apart so that two brokers can stop (the brokers lab does) while the controller quorum
 * still decides who leads each partition; a production cluster runs three or five.</li>
 * </ul>
 *
 * @param count 1 or 3
 */
public record Brokers(int count) {

	public static final Brokers ONE = new Brokers(1);

	public static final Brokers THREE = new Brokers(3);

	/** The controller's node id; the brokers are nodes 1, 2 and 3. */
	static final int CONTROLLER_NODE = 0;

	public Brokers {
		if (count != 1 && count != 3) {
			throw new IllegalArgumentException("the bakery runs 1 or 3 brokers, not " + count);
		}
	}

	public boolean cluster() {
		return this.count > 1;
	}

	/** {@code kafka}, then {@code kafka-2}, {@code kafka-3}. */
	public List<Part> brokers() {
		return IntStream.rangeClosed(1, this.count).mapToObj((n) -> new Part(Part.KAFKA, n)).toList();
	}

	/** Every Kafka process: a cluster's controller first, then the brokers. */
	public List<Part> nodes() {
		List<Part> nodes = new ArrayList<>();
		if (cluster()) {
			nodes.add(Part.of(Part.CONTROLLER));
		}
		nodes.addAll(brokers());
		return nodes;
	}

	/** Every broker, so that a client finds the cluster while any one of them is down. */
	public String bootstrapServers(Site site) {
		return brokers().stream().map((broker) -> "localhost:" + broker.port(site)).collect(Collectors.joining(","));
	}

	/**
	 * Kafka's replication settings for this many brokers, the internal topics' included:
	 * a topic gets {@code REPLICATION_FACTOR} copies (the departments declare theirs
	 * without a count) and an {@code acks=all} write succeeds once
	 * {@code MIN_INSYNC_REPLICAS} of them have it. One broker: 1 for each.
	 */
	public Map<String, String> replication(Site site) {
		String factor = cluster() ? Integer.toString(site.replicationFactor()) : "1";
		String minimum = cluster() ? Integer.toString(site.minInsyncReplicas()) : "1";
		Map<String, String> settings = new TreeMap<>();
		for (String topic : List.of("default", "offsets.topic", "transaction.state.log",
				"share.coordinator.state.topic")) {
			settings.put(topic + ".replication.factor", factor);
		}
		settings.put("min.insync.replicas", minimum);
		settings.put("transaction.state.log.min.isr", minimum);
		settings.put("share.coordinator.state.topic.min.isr", minimum);
		return settings;
	}

}
