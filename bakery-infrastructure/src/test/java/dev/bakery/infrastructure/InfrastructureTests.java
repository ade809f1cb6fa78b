package dev.bakery.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureTests {

	@Test
	void givesARealKafkaBrokerThatCanBeStoppedAndComesBackAtTheSameAddress() throws Exception {
		Infrastructure infrastructure = Infrastructure.get();
		String address = infrastructure.kafkaBootstrapServers();
		assertThat(brokerCount(address)).isEqualTo(1);

		infrastructure.stopKafka();
		infrastructure.startKafka();

		assertThat(infrastructure.kafkaBootstrapServers()).isEqualTo(address);
		assertThat(brokerCount(address)).isEqualTo(1);
	}

	@Test
	void givesEachServiceItsOwnDatabaseOnOneRealPostgresqlServer() throws Exception {
		Infrastructure infrastructure = Infrastructure.get();
		String checkout = infrastructure.jdbcUrl("checkout");
		String sales = infrastructure.jdbcUrl("sales");

		assertThat(checkout).contains("/checkout");
		assertThat(sales).contains("/sales");
		try (Connection connection = DriverManager.getConnection(checkout, infrastructure.username(),
				infrastructure.password());
				ResultSet result = connection.createStatement().executeQuery("SHOW server_version")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).startsWith("17");
		}
	}

	private static int brokerCount(String address) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
			return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
		}
	}

}
