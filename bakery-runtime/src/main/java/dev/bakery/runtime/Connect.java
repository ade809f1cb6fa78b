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
 * <li>{@value #HEAD_OFFICE}: the head office's sink keeps the table
 * {@value #OFFICE_TABLE} of the office's database equal to the shelf
 * ({@code bakery.order-status}).</li>
 * </ul>
 */
public final class Connect {

	public static final String TILL_OUTBOX = "till-outbox";

	public static final String HEAD_OFFICE = "head-office";

	/** The office's table, kept by the sink. */
	public static final String OFFICE_TABLE = "shelf";

	/** Debezium's replication slot and publication in the till's database. */
	public static final String SLOT = "till_outbox";

	/** Debezium's own topics are named after this: {@code __debezium-heartbeat.till}. */
	static final String TOPIC_PREFIX = "till";

	/** The worker's internal topics. */
	public static final List<String> TOPICS = List.of(ConnectWorker.CONFIGS, ConnectWorker.OFFSETS,
			ConnectWorker.STATUS);

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

	Connect(Bakery bakery) {
		this.bakery = bakery;
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
	 * Debezium's PostgreSQL connector on the till's outbox, with the outbox event router.
	 * It streams inserts only (the own relay's updates and the clean-up's deletes are no
	 * events), and its first start sends, as a snapshot, the rows no relay has sent yet.
	 */
	Map<String, String> tillOutbox() {
		Site site = this.bakery.site();
		Map<String, String> config = new LinkedHashMap<>();
		config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		config.put("tasks.max", "1");
		config.put("plugin.name", "pgoutput");
		config.put("database.hostname", "localhost");
		config.put("database.port", Integer.toString(site.postgresPort()));
		config.put("database.user", site.postgresUser());
		config.put("database.password", site.postgresPassword());
		config.put("database.dbname", site.database(Department.CHECKOUT));
		config.put("topic.prefix", TOPIC_PREFIX);
		config.put("slot.name", SLOT);
		config.put("publication.name", SLOT);
		config.put("publication.autocreate.mode", "filtered");
		config.put("table.include.list", "public.outbox");
		config.put("snapshot.mode", "initial");
		config.put("snapshot.select.statement.overrides", "public.outbox");
		config.put("snapshot.select.statement.overrides.public.outbox",
				"SELECT * FROM public.outbox WHERE published_at IS NULL ORDER BY id");
		config.put("skipped.operations", "u,d,t");
		config.put("tombstones.on.delete", "false");
		// While the outbox is quiet and the other departments write, the slot still
		// moves on: PostgreSQL can let go of the write-ahead log behind it.
		config.put("heartbeat.interval.ms", "1000");
		config.put("exactly.once.support", "required");
		config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
		config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
		config.put("transforms", "outbox,plain");
		config.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
		config.put("transforms.outbox.predicate", "outboxTable");
		config.put("transforms.outbox.table.field.event.id", "id");
		config.put("transforms.outbox.table.field.event.key", "message_key");
		config.put("transforms.outbox.table.field.event.payload", "payload");
		config.put("transforms.outbox.route.by.field", "topic");
		config.put("transforms.outbox.route.topic.replacement", "${routedByValue}");
		config.put("transforms.outbox.table.fields.additional.placement", "type:header:__TypeId__");
		// The router adds the row's id as a header "id"; the till's own relay sends none.
		config.put("transforms.plain.type", "org.apache.kafka.connect.transforms.DropHeaders");
		config.put("transforms.plain.predicate", "outboxTable");
		config.put("transforms.plain.headers", "id");
		config.put("predicates", "outboxTable");
		config.put("predicates.outboxTable.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
		config.put("predicates.outboxTable.pattern", TOPIC_PREFIX + "\\.public\\.outbox");
		return config;
	}

	/**
	 * The head office's sink. The shelf's JSON carries no schema, and a table has
	 * columns: Kafka's JsonConverter takes the schema from its config
	 * ({@code schema.content}, KIP-1054) and hands the sink a struct; a record that does
	 * not fit it goes to the dead-letter topic.
	 */
	Map<String, String> headOffice() {
		Site site = this.bakery.site();
		Map<String, String> config = new LinkedHashMap<>();
		config.put("connector.class", "dev.bakery.connect.HeadOfficeSink");
		config.put("tasks.max", "1");
		config.put("topics", "bakery.order-status");
		config.put("connection.url", this.bakery.jdbcUrl(site.officeDatabase()));
		config.put("connection.user", site.postgresUser());
		config.put("connection.password", site.postgresPassword());
		config.put("table", OFFICE_TABLE);
		config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
		config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		config.put("value.converter.schemas.enable", "true");
		config.put("value.converter.schema.content", """
				{"type":"struct","name":"OrderStatus","fields":[\
				{"field":"status","type":"string","optional":false},\
				{"field":"at","type":"string","optional":false}]}""");
		config.put("errors.tolerance", "all");
		config.put("errors.deadletterqueue.topic.name", "bakery.order-status.DLT");
		config.put("errors.deadletterqueue.topic.replication.factor",
				Integer.toString(this.bakery.brokers().cluster() ? this.bakery.site().replicationFactor() : 1));
		config.put("errors.deadletterqueue.context.headers.enable", "true");
		config.put("errors.log.enable", "true");
		return config;
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
	 * <li>back to the till: once Debezium has confirmed all the till wrote (the slot's
	 * confirmed position has passed the log's end), those rows are marked sent, the
	 * connector and its offsets are deleted, and so are the slot and the
	 * publication.</li>
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
			register(TILL_OUTBOX, tillOutbox());
			awaitRunning(TILL_OUTBOX);
		}
		else {
			awaitSlotCaughtUp();
			tillDatabase("UPDATE outbox SET published_at = now() WHERE published_at IS NULL");
			remove(TILL_OUTBOX);
			dropSlot();
			relayBy(Relay.OWN);
		}
		(tills.isEmpty() ? List.of(Part.of(Department.CHECKOUT)) : tills).forEach(this.bakery::start);
	}

	/** Every row the till wrote is in Kafka: Debezium has confirmed the log's end. */
	private void awaitSlotCaughtUp() {
		String end = tillDatabase("SELECT pg_current_wal_lsn()::text");
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!tillDatabase("SELECT (confirmed_flush_lsn >= '" + end
				+ "'::pg_lsn)::text FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'")
			.equals("true")) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("Debezium has not sent all of the till's outbox within " + PATIENCE.toSeconds()
						+ " s; the till stays stopped (./bakery connect shows the connector)");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
	}

	private void dropSlot() {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		// The stopped task lets go of the slot a moment later.
		while (tillDatabase(
				"SELECT count(*)::text FROM pg_replication_slots WHERE slot_name = '" + SLOT + "' AND active")
			.equals("1")) {
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("the replication slot " + SLOT + " is still in use");
			}
			Bakery.pause(Duration.ofMillis(250));
		}
		tillDatabase("SELECT count(pg_drop_replication_slot(slot_name))::text FROM pg_replication_slots"
				+ " WHERE slot_name = '" + SLOT + "'");
		tillDatabase("DROP PUBLICATION IF EXISTS " + SLOT);
	}

	/** Runs one statement in the till's database; the first column of its first row. */
	String tillDatabase(String sql) {
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
