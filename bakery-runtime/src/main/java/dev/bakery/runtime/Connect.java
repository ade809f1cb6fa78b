package dev.bakery.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bakery's Kafka Connect worker seen through its REST API, and its two connectors:
 * <ul>
 * <li>{@value #TILL_OUTBOX}: Debezium's PostgreSQL connector reads the till's outbox from
 * the write-ahead log, and its outbox event router turns each row into the record the
 * till's own relay would send (topic, key, {@code __TypeId__} header and value, the same
 * bytes). It relays the till's outbox only while the till's own relay is off
 * ({@link #relayTill});</li>
 * <li>{@value #HEAD_OFFICE}: the head office's sink keeps a table of the office's
 * database equal to the shelf ({@code bakery.order-status}).</li>
 * </ul>
 */
public final class Connect {

	public static final String TILL_OUTBOX = "till-outbox";

	public static final String HEAD_OFFICE = "head-office";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	/** Which relay sends the till's outbox. */
	public enum Relay {

		/** The till's own {@code OutboxRelay}, in its process. */
		OWN,

		/** Debezium, in the Connect worker. */
		CONNECT

	}

	/**
	 * A connector and the state of its tasks, as {@code GET /connectors?expand=status}
	 * says.
	 */
	public record Connector(String name, String type, String state, List<String> tasks) {

		public boolean running() {
			return this.state.equals("RUNNING") && !this.tasks.isEmpty()
					&& this.tasks.stream().allMatch("RUNNING"::equals);
		}

	}

	private final Bakery bakery;

	private final Path connectors;

	Connect(Bakery bakery, Path connectors) {
		this.bakery = bakery;
		this.connectors = connectors;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.bakery.site().connectPort() + path);
	}

	// --- the worker's REST API
	// ----------------------------------------------------------------------------------

	/** Every connector and its tasks' states. */
	public List<Connector> connectors() {
		JsonNode all = call("GET", "/connectors?expand=status", null);
		List<Connector> connectors = new ArrayList<>();
		for (var entry : all.properties()) {
			JsonNode status = entry.getValue().path("status");
			List<String> tasks = new ArrayList<>();
			status.path("tasks").forEach((task) -> tasks.add(task.path("state").asString()));
			connectors.add(new Connector(entry.getKey(), status.path("type").asString(),
					status.path("connector").path("state").asString(), tasks));
		}
		connectors.sort((a, b) -> a.name().compareTo(b.name()));
		return connectors;
	}

	/**
	 * What {@code ./bakery connect} prints: each connector, its kind, its state and its
	 * tasks' states, and which relay sends the till's outbox.
	 */
	public String report() {
		StringBuilder report = new StringBuilder(
				"%-14s %-7s %-10s %s%n".formatted("CONNECTOR", "TYPE", "STATE", "TASKS"));
		for (Connector connector : connectors()) {
			report.append("%-14s %-7s %-10s %s%n".formatted(connector.name(), connector.type(), connector.state(),
					String.join(",", connector.tasks())));
		}
		report.append("The till's outbox is relayed by ")
			.append((relay() == Relay.CONNECT) ? "Debezium (" + TILL_OUTBOX + ")" : "the till's own relay")
			.append(System.lineSeparator());
		return report.toString();
	}

	/** Creates the connector, or gives it this config (the same call, idempotent). */
	public void register(String name, Map<String, String> config) {
		call("PUT", "/connectors/" + name + "/config", JSON.writeValueAsString(config));
	}

	/** Waits until the connector and all its tasks run. */
	public Connector awaitRunning(String name) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			List<Connector> found = connectors().stream().filter((connector) -> connector.name().equals(name)).toList();
			if (!found.isEmpty() && found.get(0).running()) {
				return found.get(0);
			}
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure(name + " did not run within " + PATIENCE.toSeconds() + " s: " + found
						+ " (log: " + this.bakery.workspace().shown(this.bakery.log(Part.of(Part.CONNECT))) + ")");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
	}

	/**
	 * Stops the connector, forgets its offsets (KIP-875) and deletes it, so that the same
	 * name starts afresh.
	 */
	void remove(String name) {
		call("PUT", "/connectors/" + name + "/stop", null);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!call("GET", "/connectors/" + name + "/status", null).path("connector")
			.path("state")
			.asString()
			.equals("STOPPED")) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure(name + " did not stop within " + PATIENCE.toSeconds() + " s");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
		call("DELETE", "/connectors/" + name + "/offsets", null);
		call("DELETE", "/connectors/" + name, null);
	}

	private JsonNode call(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new BakeryFailure("the Connect worker answered " + method + " " + path + " with "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new BakeryFailure("the Connect worker (port " + this.bakery.site().connectPort()
					+ ") does not answer; ./bakery start connect starts it");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BakeryFailure("interrupted");
		}
	}

	/** The worker reports healthy once it has joined its group and read its topics. */
	static boolean healthy(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// --- the bakery's connectors
	// ---------------------------------------------------------------------------------

	/**
	 * A connector's config as {@code bakery-connect/src/main/connectors/<name>.json} has
	 * it, the file compose registers too. Its {@code ${env:...}} are the worker's
	 * environment (the site's facts), read by the worker itself.
	 */
	Map<String, String> config(String name) {
		Path file = this.connectors.resolve(name + ".json");
		try {
			Map<String, String> config = new LinkedHashMap<>();
			JSON.readTree(Files.readString(file))
				.properties()
				.forEach((entry) -> config.put(entry.getKey(), entry.getValue().asString()));
			return config;
		}
		catch (IOException ex) {
			throw new BakeryFailure("bakery-connect is not built yet (" + file + " is missing)");
		}
	}

	// --- which relay sends the till's outbox
	// ---------------------------------------------------------------------

	private Path relayFile() {
		return this.bakery.workspace().data().resolve("relay");
	}

	/** Kept with the data: a bakery opened again with its data relays as it did. */
	public Relay relay() {
		try {
			return Files.exists(relayFile()) ? Relay.valueOf(Files.readString(relayFile()).strip()) : Relay.OWN;
		}
		catch (IOException | IllegalArgumentException ex) {
			return Relay.OWN;
		}
	}

	void relayBy(Relay relay) {
		Workspace.write(relayFile(), relay.name());
	}

	/**
	 * Hands the till's outbox to the other relay, so that no row is sent by both or by
	 * neither: the till stops (its own relay sends what it has), then
	 * <ul>
	 * <li>to Debezium: the connector starts with a snapshot of the rows still unsent, and
	 * streams every row written after its replication slot was made;</li>
	 * <li>back to the till: once Debezium's committed offsets have passed a change made
	 * after the till stopped, the connector and its offsets are deleted, and so are the
	 * slot and the publication; then the rows are marked sent.</li>
	 * </ul>
	 * Then the till starts again with its relay on or off. It takes no orders meanwhile.
	 */
	public void relayTill(Relay relay) {
		if (relay == relay()) {
			return;
		}
		if (!this.bakery.isRunning(Part.of(Part.CONNECT))) {
			throw new BakeryFailure("the Connect worker is not running; ./bakery start connect starts it");
		}
		List<Part> tills = this.bakery.workspace()
			.known()
			.stream()
			.filter((part) -> part.isDepartment() && part.department() == Department.CHECKOUT)
			.filter(this.bakery::isRunning)
			.toList();
		tills.forEach(this.bakery::stop);
		if (relay == Relay.CONNECT) {
			relayBy(Relay.CONNECT);
			register(TILL_OUTBOX, config(TILL_OUTBOX));
			awaitRunning(TILL_OUTBOX);
		}
		else {
			awaitAllSent();
			remove(TILL_OUTBOX);
			dropSlot();
			// No slot reads the log any more: this marking is no event for anyone.
			tillDatabase("UPDATE outbox SET published_at = now() WHERE published_at IS NULL");
			relayBy(Relay.OWN);
		}
		(tills.isEmpty() ? List.of(Part.of(Department.CHECKOUT)) : tills).forEach(this.bakery::start);
	}

	/**
	 * Waits until Debezium has sent every row the till wrote: it changes the outbox's
	 * last unsent row (the outbox event router drops an update, but Debezium's offset
	 * moves past it), and waits until Debezium's offsets, committed with its records in
	 * one transaction, have passed that change.
	 */
	private void awaitAllSent() {
		String before = tillDatabase("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint::text");
		String marked = tillDatabase("UPDATE outbox SET published_at = now()"
				+ " WHERE id = (SELECT max(id) FROM outbox WHERE published_at IS NULL)");
		if (marked.equals("0")) {
			return;
		}
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (sentUpTo() <= Long.parseLong(before)) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("Debezium has not sent all of the till's outbox within " + PATIENCE.toSeconds()
						+ " s; the till stays stopped (./bakery connect shows the connector)");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
	}

	/**
	 * The position in the till's write-ahead log up to which Debezium's offsets say it
	 * has read.
	 */
	private long sentUpTo() {
		JsonNode offsets = call("GET", "/connectors/" + TILL_OUTBOX + "/offsets", null).path("offsets");
		long lsn = -1;
		for (JsonNode offset : offsets) {
			lsn = Math.max(lsn, offset.path("offset").path("lsn").asLong(-1));
		}
		return lsn;
	}

	/** Debezium's replication slot, and its publication, of the same name. */
	private void dropSlot() {
		String slot = config(TILL_OUTBOX).get("slot.name");
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		// The stopped task lets go of the slot a moment later.
		while (tillDatabase(
				"SELECT count(*)::text FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active")
			.equals("1")) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("the replication slot " + slot + " is still in use");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
		tillDatabase("SELECT count(pg_drop_replication_slot(slot_name))::text FROM pg_replication_slots"
				+ " WHERE slot_name = '" + slot + "'");
		tillDatabase("DROP PUBLICATION IF EXISTS " + config(TILL_OUTBOX).get("publication.name"));
	}

	/**
	 * The head office's table as the sink keeps it: each order's status, by order id;
	 * empty before the sink made it.
	 */
	public Map<String, String> officeTable() {
		Site site = this.bakery.site();
		Map<String, String> rows = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(this.bakery.jdbcUrl(site.officeDatabase()),
				site.postgresUser(), site.postgresPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT order_id, status FROM " + config(HEAD_OFFICE).get("table"))) {
			while (result.next()) {
				rows.put(result.getString(1), result.getString(2));
			}
		}
		catch (SQLException ex) {
			if (!"42P01".equals(ex.getSQLState())) {
				throw new BakeryFailure("the office's database did not answer: " + ex.getMessage());
			}
		}
		return rows;
	}

	/** Runs one statement in the till's database; the first column of its first row. */
	public String tillDatabase(String sql) {
		Site site = this.bakery.site();
		try (Connection connection = DriverManager.getConnection(this.bakery.jdbcUrl(Department.CHECKOUT),
				site.postgresUser(), site.postgresPassword()); Statement statement = connection.createStatement()) {
			if (!statement.execute(sql)) {
				return Integer.toString(statement.getUpdateCount());
			}
			try (ResultSet result = statement.getResultSet()) {
				return result.next() ? String.valueOf(result.getString(1)) : "";
			}
		}
		catch (SQLException ex) {
			throw new BakeryFailure("the till's database did not run " + sql + ": " + ex.getMessage());
		}
	}

}
