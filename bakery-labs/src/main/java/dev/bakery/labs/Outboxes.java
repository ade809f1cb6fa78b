package dev.bakery.labs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;

/**
 * The departments' outbox tables, as the brokers lab, the fault soak and the benchmark
 * read them: what was recorded twice. (What waits to be published, each department tells
 * itself: its gauge {@code bakery.outbox.waiting}.)
 */
public final class Outboxes {

	private final Bakery bakery;

	public Outboxes(Bakery bakery) {
		this.bakery = bakery;
	}

	/**
	 * Events the departments wrote more than once for the same order and step: an order
	 * taken twice, a step done twice. (A record the relay sent twice is one event; a bake
	 * house offers its menu again at every start, which is no order's event.)
	 * @throws BakeryFailure if a database does not answer
	 */
	public long doubledEvents() {
		long doubled = 0;
		for (Department department : Department.values()) {
			doubled += count(department, """
					SELECT coalesce(sum(copies - 1), 0) FROM (
					    SELECT count(*) AS copies FROM outbox
					    WHERE payload::jsonb ? 'orderId'
					    GROUP BY message_key, type, payload::jsonb ->> 'status'
					) AS events""");
		}
		return doubled;
	}

	/**
	 * How many events a department's relay has published per order (its outbox's message
	 * key).
	 */
	public Map<String, Long> publishedPerOrder(Department department) {
		Map<String, Long> events = new HashMap<>();
		try (Connection connection = connect(department);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT message_key, count(*) FROM outbox WHERE published_at IS NOT NULL GROUP BY message_key")) {
			while (result.next()) {
				events.put(result.getString(1), result.getLong(2));
			}
		}
		catch (SQLException ex) {
			throw new BakeryFailure("could not read " + department.module() + "'s outbox: " + ex.getMessage());
		}
		return events;
	}

	private Connection connect(Department department) throws SQLException {
		return DriverManager.getConnection(this.bakery.jdbcUrl(department), this.bakery.site().postgresUser(),
				this.bakery.site().postgresPassword());
	}

	private long count(Department department, String query) {
		try (Connection connection = connect(department);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new BakeryFailure("could not read " + department.module() + "'s outbox: " + ex.getMessage());
		}
	}

}
