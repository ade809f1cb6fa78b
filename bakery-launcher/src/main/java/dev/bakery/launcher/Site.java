package dev.bakery.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the bakery's parts live and how its broker is set up, read from
 * {@code bakery-site.properties} (bakery-events): the one file the launcher, the services
 * and the compose check all read.
 */
final class Site {

	static final String KAFKA = "kafka";

	static final String POSTGRES = "postgres";

	private static final String RESOURCE = "/bakery-site.properties";

	private static final String PREFIX = "site.";

	private static final String BROKER = PREFIX + "broker.";

	private static final String CLUSTER = PREFIX + "cluster.";

	private final Properties facts;

	Site(Properties facts) {
		this.facts = facts;
		value(PREFIX + "kafka.port");
		value(PREFIX + "postgres.port");
	}

	static Site load() {
		Properties facts = new Properties();
		try (InputStream in = Site.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the class path (it comes with bakery-events)");
			}
			facts.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Site(facts);
	}

	/** The four departments, in the order an order passes them (by port). */
	List<String> departments() {
		return this.facts.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith(PREFIX) && key.endsWith("-service.port"))
			.map((key) -> key.substring(PREFIX.length(), key.length() - ".port".length()))
			.sorted(Comparator.comparingInt(this::port))
			.toList();
	}

	/**
	 * Whether this is a part of the bakery: a department, kafka, kafka-controller or
	 * postgres.
	 */
	boolean has(String part) {
		return part.equals(Brokers.CONTROLLER) || this.facts.containsKey(PREFIX + part + ".port");
	}

	/** The port of a department's first instance, Kafka's or PostgreSQL's. */
	int port(String part) {
		return Integer.parseInt(value(PREFIX + part + ".port"));
	}

	int controllerPort() {
		return Integer.parseInt(value(PREFIX + "kafka.controller-port"));
	}

	String clusterId() {
		return value(PREFIX + "kafka.cluster-id");
	}

	String database(String department) {
		return value(PREFIX + department + ".database");
	}

	/** The departments' databases, by department. */
	Map<String, String> databases() {
		Map<String, String> databases = new LinkedHashMap<>();
		departments().forEach((department) -> databases.put(department, database(department)));
		return databases;
	}

	String postgresUser() {
		return value(PREFIX + "postgres.user");
	}

	String postgresPassword() {
		return value(PREFIX + "postgres.password");
	}

	/** The broker settings, as in Kafka's server.properties. */
	Map<String, String> brokerSettings() {
		return settings(BROKER);
	}

	/**
	 * The replication settings of a cluster of three brokers, as in Kafka's
	 * server.properties.
	 */
	Map<String, String> clusterReplication() {
		return settings(CLUSTER);
	}

	private Map<String, String> settings(String prefix) {
		Map<String, String> settings = new TreeMap<>();
		this.facts.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith(prefix))
			.forEach((key) -> settings.put(key.substring(prefix.length()), this.facts.getProperty(key)));
		return settings;
	}

	private String value(String key) {
		String value = this.facts.getProperty(key);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(RESOURCE + " has no " + key);
		}
		return value.strip();
	}

}
