package dev.bakery.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The head office's sink: keeps a table in the office's PostgreSQL database equal to the
 * shelf, from the compacted {@code bakery.order-status} (a status upserts the order's
 * row, a tombstone deletes it). Written here because no JDBC sink connector is served
 * from Maven Central to this project (Debezium's JDBC sink of the Debezium version the
 * bakery pins is not; Confluent's is in Confluent's own repository); see the README.
 */
public class HeadOfficeSink extends SinkConnector {

	static final String URL = "connection.url";

	static final String USER = "connection.user";

	static final String PASSWORD = "connection.password";

	static final String TABLE = "table";

	static final ConfigDef CONFIG = new ConfigDef()
		.define(URL, Type.STRING, Importance.HIGH, "JDBC URL of the office's PostgreSQL database")
		.define(USER, Type.STRING, Importance.HIGH, "its user")
		.define(PASSWORD, Type.PASSWORD, Importance.HIGH, "and password")
		.define(TABLE, Type.STRING, "shelf", Importance.MEDIUM, "the table this sink keeps (and creates)");

	private Map<String, String> settings;

	@Override
	public void start(Map<String, String> settings) {
		CONFIG.parse(settings);
		this.settings = Map.copyOf(settings);
	}

	@Override
	public Class<? extends Task> taskClass() {
		return HeadOfficeSinkTask.class;
	}

	/** One task: the topic has one partition, and one writer keeps the rows in order. */
	@Override
	public List<Map<String, String>> taskConfigs(int maxTasks) {
		return List.of(this.settings);
	}

	@Override
	public void stop() {
	}

	@Override
	public ConfigDef config() {
		return CONFIG;
	}

	@Override
	public String version() {
		return AppInfoParser.getVersion();
	}

}
