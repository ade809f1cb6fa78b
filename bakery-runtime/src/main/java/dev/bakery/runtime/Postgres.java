package dev.bakery.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The bakery's PostgreSQL server: the real server from zonky's binaries for this
 * platform, started by zonky's own builder (which unpacks them once into the workspace's
 * cache and runs {@code initdb} and {@code pg_ctl}, in a user namespace of their own
 * where this runs as root). The server outlives the JVM that started it, so that
 * {@code ./bakery start postgres} in one terminal and {@code ./bakery stop postgres} in
 * another work on the same server. One user owns the departments' databases, as the
 * postgres image's {@code POSTGRES_USER} does.
 */
final class Postgres {

	private final Site site;

	private final Workspace workspace;

	private final boolean durable;

	/** The server this JVM started, if any. */
	private EmbeddedPostgres server;

	/**
	 * @param durable fsync and synchronous commit on, as a real server runs (an order the
	 * till answered 201 for survives a kill -9 of the server); off only where a test
	 * chooses speed
	 */
	Postgres(Site site, Workspace workspace, boolean durable) {
		this.site = site;
		this.workspace = workspace;
		this.durable = durable;
	}

	Path dataDirectory() {
		return this.workspace.data().resolve(Part.POSTGRES);
	}

	/**
	 * Starts the server and waits until it answers, its user and the departments'
	 * databases there.
	 */
	synchronized void start() {
		release();
		Path log = new Processes(this.workspace).startLog(Part.POSTGRESQL);
		String onOff = this.durable ? "on" : "off";
		try {
			this.server = EmbeddedPostgres.builder()
				.setPort(this.site.postgresPort())
				.setDataDirectory(dataDirectory())
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setOverrideWorkingDirectory(this.workspace.cache().toFile())
				.setServerConfig("fsync", onOff)
				.setServerConfig("synchronous_commit", onOff)
				.setServerConfig("full_page_writes", onOff)
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("unix_socket_directories", "")
				.setServerConfig("max_connections", "200")
				// Debezium reads the till's outbox from the write-ahead log (README,
				// "Kafka Connect").
				.setServerConfig("wal_level", "logical")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new BakeryFailure(
					"PostgreSQL did not start: " + ex.getMessage() + " (log: " + this.workspace.shown(log) + ")");
		}
		serverProcess().ifPresent((process) -> this.workspace.remember(Part.POSTGRESQL, process));
		createUserAndDatabases();
	}

	/** Fast shutdown: open transactions are rolled back, the data is written out. */
	synchronized void stop() {
		Optional<ProcessHandle> process = serverProcess();
		this.workspace.forget(Part.POSTGRESQL);
		if (this.server != null) {
			close(this.server);
			this.server = null;
		}
		else if (process.isPresent()) {
			pgCtlStop();
		}
		process.filter(ProcessHandle::isAlive).ifPresent((server) -> Processes.end(server, Duration.ofSeconds(10)));
	}

	/**
	 * After a kill -9: lets go of the server this JVM started, whose data directory zonky
	 * keeps locked until then.
	 */
	synchronized void release() {
		if (this.server != null && serverProcess().isEmpty()) {
			close(this.server);
			this.server = null;
		}
	}

	/** The server process, from the pid file PostgreSQL keeps in its data directory. */
	Optional<ProcessHandle> serverProcess() {
		try {
			List<String> lines = Files.readAllLines(dataDirectory().resolve("postmaster.pid"));
			return lines.isEmpty() ? Optional.empty()
					: ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.site.postgresPort() + "/" + database;
	}

	/**
	 * Runs SQL as the server's administrator, e.g. to take a department's database away
	 * for a while.
	 */
	void administer(String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new BakeryFailure("PostgreSQL did not run " + sql + ": " + ex.getMessage());
		}
	}

	/**
	 * zonky's {@code initdb} makes {@code postgres} the superuser, trusted on this
	 * machine; the departments connect as the site's user, a superuser too, as the
	 * postgres image makes its {@code POSTGRES_USER}.
	 */
	private void createUserAndDatabases() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
			String user = this.site.postgresUser();
			if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
				try (Statement statement = connection.createStatement()) {
					// DDL takes no bind parameters: names are quoted as identifiers, the
					// password as a literal.
					statement.execute("CREATE ROLE " + identifier(user) + " LOGIN SUPERUSER PASSWORD '"
							+ this.site.postgresPassword().replace("'", "''") + "'");
				}
			}
			List<String> databases = new ArrayList<>(Stream.of(Department.values()).map(this.site::database).toList());
			databases.add(this.site.officeDatabase());
			for (String database : databases) {
				if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new BakeryFailure("could not create the bakery's databases: " + ex.getMessage());
		}
	}

	private static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * Stops a server another JVM started: with {@code pg_ctl} from the binaries zonky
	 * unpacked into the cache (the postmaster's SIGTERM would wait for every client to
	 * leave).
	 */
	private void pgCtlStop() {
		Path pgCtl = binaries().resolve("bin").resolve(Processes.java().endsWith(".exe") ? "pg_ctl.exe" : "pg_ctl");
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(
				List.of(pgCtl.toString(), "stop", "-D", dataDirectory().toString(), "-m", "fast", "-w", "-t", "30"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.workspace.log(Part.POSTGRESQL).toFile()))
				.start();
			Processes.exited(process.toHandle(), Duration.ofSeconds(40));
		}
		catch (IOException ex) {
			throw new BakeryFailure("could not run pg_ctl: " + ex.getMessage());
		}
	}

	/**
	 * zonky's unpacked binaries: {@code cache/PG-<digest>}, marked {@code .exists} when
	 * complete.
	 */
	private Path binaries() {
		try (Stream<Path> directories = Files.list(this.workspace.cache())) {
			return directories.filter((directory) -> directory.getFileName().toString().startsWith("PG-"))
				.filter((directory) -> Files.exists(directory.resolve(".exists")))
				.findFirst()
				.orElseThrow(() -> new BakeryFailure(
						"PostgreSQL's binaries are not unpacked in " + this.workspace.shown(this.workspace.cache())));
		}
		catch (IOException ex) {
			throw new BakeryFailure("could not read " + this.workspace.shown(this.workspace.cache()));
		}
	}

	private static void close(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			// zonky logs what went wrong; the caller ends the process if it still runs.
		}
	}

}
