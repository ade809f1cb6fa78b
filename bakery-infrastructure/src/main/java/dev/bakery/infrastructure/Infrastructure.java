package dev.bakery.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bakery.runtime.TopicReader;

/**
 * A real Kafka broker and a real PostgreSQL server for the tests, one of each per JVM,
 * started on first use and stopped when the JVM ends. Which kind runs is chosen by the
 * system property {@code bakery.infrastructure}:
 * <ul>
 * <li>{@code containers}: Testcontainers, the {@code apache/kafka} and {@code postgres}
 * images;</li>
 * <li>{@code runtime}: Apache Kafka's own broker in KRaft mode and zonky's PostgreSQL as
 * processes, as {@code ./bakery} runs them (bakery-runtime);</li>
 * <li>{@code auto} (the default): containers where Docker answers and has both images,
 * the runtime otherwise.</li>
 * </ul>
 * Either way the services see only addresses, through Spring Boot's connection details
 * ({@link BakeryTestInfrastructure}), so a test never knows which kind it got.
 */
public abstract class Infrastructure {

	private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

	private static volatile Infrastructure running;

	private final Set<String> databases = ConcurrentHashMap.newKeySet();

	/** The infrastructure of this JVM, started on first call. */
	public static Infrastructure get() {
		if (running == null) {
			synchronized (Infrastructure.class) {
				if (running == null) {
					Infrastructure infrastructure = choose();
					log.info("Starting {} Kafka and PostgreSQL for the tests", infrastructure.kind());
					infrastructure.start();
					Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "infrastructure-stop"));
					running = infrastructure;
				}
			}
		}
		return running;
	}

	private static Infrastructure choose() {
		String mode = System.getProperty("bakery.infrastructure", "auto").trim().toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "containers" -> new ContainerInfrastructure();
			case "runtime" -> new RuntimeInfrastructure();
			case "auto", "" ->
				ContainerInfrastructure.canRunHere() ? new ContainerInfrastructure() : new RuntimeInfrastructure();
			default -> throw new IllegalStateException(
					"bakery.infrastructure must be auto, containers or runtime, not '" + mode + "'");
		};
	}

	/** "containers" or "runtime". */
	public abstract String kind();

	abstract void start();

	abstract void stop();

	/** Takes the Kafka broker away: clients can no longer reach it, its data stays. */
	public abstract void stopKafka();

	/** Brings the Kafka broker back, at the same address and with the same data. */
	public abstract void startKafka();

	/** Where the Kafka broker listens, as {@code host:port}. */
	public abstract String kafkaBootstrapServers();

	/** The JDBC URL of a database with this name, created on first ask. */
	public String jdbcUrl(String database) {
		if (this.databases.add(database)) {
			createDatabase(database);
		}
		return jdbcUrlOf(database);
	}

	/** A reader of a topic of this JVM's broker, from its beginning. */
	public TopicReader reader(String topic) {
		return new TopicReader(topic, kafkaBootstrapServers());
	}

	public abstract String username();

	public abstract String password();

	abstract String jdbcUrlOf(String database);

	/**
	 * Runs SQL as the server's administrator, e.g. to take a department's database away
	 * for a while.
	 */
	public void administer(String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrlOf("postgres"), username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	private void createDatabase(String database) {
		if (!database.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a plain database name: " + database);
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrlOf("postgres"), username(), password());
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
				.next();
			if (!exists) {
				statement.execute("CREATE DATABASE " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

}
