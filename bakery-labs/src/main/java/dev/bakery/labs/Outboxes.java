package dev.bakery.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The departments' outbox tables, as the brokers lab and the fault soak read them: what
 * was recorded twice. (What waits to be published, each department tells itself: its
 * gauge {@code bakery.outbox.waiting}.)
 */
final class Outboxes {

	private final Site site;

	Outboxes(Site site) {
		this.site = site;
	}

	/**
	 * Events the departments wrote more than once for the same order and step: an order
	 * taken twice, a step done twice. (A record the relay sent twice is one event.)
	 * @throws Failure if a database does not answer
	 */
	long doubledEvents() {
		long doubled = 0;
		for (String database : this.site.databases().values()) {
			doubled += count(database, """
					SELECT coalesce(sum(copies - 1), 0) FROM (
					    SELECT count(*) AS copies FROM outbox
					    GROUP BY message_key, type, payload::jsonb ->> 'status'
					) AS events""");
		}
		return doubled;
	}

	private long count(String database, String query) {
		String url = "jdbc:postgresql://localhost:" + this.site.port(Site.POSTGRES) + "/" + database;
		try (Connection connection = DriverManager.getConnection(url, this.site.postgresUser(),
				this.site.postgresPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new Failure("could not read " + database + "'s outbox: " + ex.getMessage());
		}
	}

}
