package dev.bakery.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes each poll's records to the office's table in one transaction, in the order of
 * the topic: a status upserts the order's row, a tombstone deletes it. A row remembers
 * the offset of the record it came from, so that a record delivered again after a restart
 * (Connect commits a sink's offsets now and then) never takes a row back to an older
 * status.
 */
public class HeadOfficeSinkTask extends SinkTask {

	private Connection connection;

	private String table;

	private AbstractConfig config;

	@Override
	public void start(Map<String, String> settings) {
		this.config = new AbstractConfig(HeadOfficeSink.CONFIG, settings);
		this.table = quoted(this.config.getString(HeadOfficeSink.TABLE));
		try {
			connect();
		}
		catch (SQLException ex) {
			throw new RetriableException("the office's database is not there: " + ex.getMessage(), ex);
		}
	}

	private void connect() throws SQLException {
		this.connection = DriverManager.getConnection(this.config.getString(HeadOfficeSink.URL),
				this.config.getString(HeadOfficeSink.USER), this.config.getPassword(HeadOfficeSink.PASSWORD).value());
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.table + " (order_id TEXT PRIMARY KEY,"
					+ " status TEXT NOT NULL, status_at TIMESTAMPTZ NOT NULL, record_offset BIGINT NOT NULL)");
		}
		this.connection.commit();
	}

	@Override
	public void put(Collection<SinkRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		try {
			if (this.connection == null || !this.connection.isValid(2)) {
				close();
				connect();
			}
			write(records);
			this.connection.commit();
		}
		catch (SQLException ex) {
			rollback();
			// Connect offers the same records again after a pause: the office's database
			// may be away for a while.
			throw new RetriableException("the office's database did not take the records: " + ex.getMessage(), ex);
		}
	}

	private void write(Collection<SinkRecord> records) throws SQLException {
		String upsert = "INSERT INTO " + this.table + " AS row (order_id, status, status_at, record_offset)"
				+ " VALUES (?, ?, ?::timestamptz, ?) ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status,"
				+ " status_at = EXCLUDED.status_at, record_offset = EXCLUDED.record_offset"
				+ " WHERE row.record_offset < EXCLUDED.record_offset";
		String delete = "DELETE FROM " + this.table + " WHERE order_id = ? AND record_offset < ?";
		try (PreparedStatement upserts = this.connection.prepareStatement(upsert);
				PreparedStatement deletes = this.connection.prepareStatement(delete)) {
			for (SinkRecord record : records) {
				if (!(record.key() instanceof String orderId)) {
					throw new DataException("a record of " + record.topic() + " without an order id as its key");
				}
				if (record.value() == null) {
					deletes.setString(1, orderId);
					deletes.setLong(2, record.kafkaOffset());
					deletes.executeUpdate();
				}
				else if (record.value() instanceof Struct status) {
					upserts.setString(1, orderId);
					upserts.setString(2, status.getString("status"));
					upserts.setString(3, status.getString("at"));
					upserts.setLong(4, record.kafkaOffset());
					upserts.executeUpdate();
				}
				else {
					throw new DataException("a value without a schema: the converter needs schema.content");
				}
			}
		}
	}

	private void rollback() {
		try {
			if (this.connection != null) {
				this.connection.rollback();
			}
		}
		catch (SQLException ex) {
			close();
		}
	}

	@Override
	public void stop() {
		close();
	}

	private void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Gone already.
			}
			this.connection = null;
		}
	}

	@Override
	public String version() {
		return AppInfoParser.getVersion();
	}

	private static String quoted(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new ConnectException("a table name of lower-case letters, digits and _, not " + name);
		}
		return name;
	}

}
