package dev.bakery.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The site's facts: the repository's {@code .env} (copied into this jar by the build),
 * the one file that docker compose, the departments and this runtime all read, each with
 * the environment winning over the file.
 */
public final class Site {

	/** Where the build puts a copy of the repository's {@code .env}. */
	public static final String RESOURCE = "/bakery-site/.env";

	private static final String BROKER_SETTING = "KAFKA_";

	private final Map<String, String> facts;

	private Site(Map<String, String> facts) {
		this.facts = Map.copyOf(facts);
		brokerPort();
		postgresPort();
		zipkinPort();
		boardPort();
		for (Department department : Department.values()) {
			port(department);
			database(department);
		}
	}

	/**
	 * The file's facts, each overridden by a variable of the same name in this
	 * environment.
	 */
	public static Site load(Map<String, String> environment) {
		Map<String, String> facts = read();
		facts.replaceAll((key, value) -> environment.getOrDefault(key, value));
		return new Site(facts);
	}

	/**
	 * The file's facts as they are, whatever the environment says: what the tests start
	 * from.
	 */
	public static Site file() {
		return new Site(read());
	}

	private static Map<String, String> read() {
		Properties properties = new Properties();
		try (InputStream in = Site.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the class path (the build copies .env there)");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> facts = new HashMap<>();
		properties.stringPropertyNames().forEach((key) -> facts.put(key, properties.getProperty(key).strip()));
		return facts;
	}

	/**
	 * The same facts with every port a free one of this machine, so that tests neither
	 * collide with each other nor with a bakery a learner has open. An extra instance
	 * still listens on its first's port + 10 per instance.
	 */
	public Site withFreePorts() {
		Map<String, String> facts = new HashMap<>(this.facts);
		facts.put("BROKER_PORT", Integer.toString(freePort()));
		facts.put("CONTROLLER_PORT", Integer.toString(freePort()));
		facts.put("POSTGRES_PORT", Integer.toString(freePort()));
		facts.put("CONNECT_PORT", Integer.toString(freePort()));
		facts.put("ZIPKIN_PORT", Integer.toString(freePort()));
		facts.put("BOARD_PORT", Integer.toString(freePort()));
		for (Department department : Department.values()) {
			facts.put(department.stem() + "_PORT", Integer.toString(freePort()));
		}
		return new Site(facts);
	}

	public int port(Department department) {
		return number(department.stem() + "_PORT");
	}

	public String database(Department department) {
		return value(department.stem() + "_DATABASE");
	}

	public int brokerPort() {
		return number("BROKER_PORT");
	}

	public int controllerPort() {
		return number("CONTROLLER_PORT");
	}

	public int postgresPort() {
		return number("POSTGRES_PORT");
	}

	/** The Kafka Connect worker's REST port. */
	public int connectPort() {
		return number("CONNECT_PORT");
	}

	/** The head office's database, which the Connect worker's sink keeps. */
	public String officeDatabase() {
		return value("OFFICE_DATABASE");
	}

	/** Where Zipkin takes the departments' spans and shows their traces. */
	public int zipkinPort() {
		return number("ZIPKIN_PORT");
	}

	/** The live board's port. */
	public int boardPort() {
		return number("BOARD_PORT");
	}

	public String postgresUser() {
		return value("POSTGRES_USER");
	}

	public String postgresPassword() {
		return value("POSTGRES_PASSWORD");
	}

	public String clusterId() {
		return value("CLUSTER_ID");
	}

	public int replicationFactor() {
		return number("REPLICATION_FACTOR");
	}

	public int minInsyncReplicas() {
		return number("MIN_INSYNC_REPLICAS");
	}

	/**
	 * The broker settings as in Kafka's server.properties, named as the apache/kafka
	 * image maps its variables: {@code KAFKA_NUM_PARTITIONS} is {@code num.partitions}.
	 */
	public Map<String, String> brokerSettings() {
		Map<String, String> settings = new TreeMap<>();
		this.facts.forEach((key, value) -> {
			if (key.startsWith(BROKER_SETTING)) {
				settings.put(key.substring(BROKER_SETTING.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
			}
		});
		return settings;
	}

	/** Every fact by its name, as the file and the environment gave it. */
	public Map<String, String> facts() {
		return new TreeMap<>(this.facts);
	}

	public String value(String key) {
		String value = this.facts.get(key);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(".env has no " + key);
		}
		return value;
	}

	private int number(String key) {
		try {
			return Integer.parseInt(value(key));
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(key + " is not a number: " + value(key));
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
