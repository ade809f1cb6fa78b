package dev.bakery.infrastructure;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a service at this JVM's real Kafka broker and PostgreSQL server, whichever kind
 * runs, through Spring Boot's connection details. The service's database is the one named
 * by its {@code bakery.database} setting, so several services can share one server with a
 * database each, as they do in production. Import it into a test with
 * {@code @Import(BakeryTestInfrastructure.class)}. A test with a Kafka cluster of its own
 * points the service at it with the setting {@value #KAFKA_BOOTSTRAP_SERVERS}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BakeryTestInfrastructure {

	/**
	 * The setting that points a service at another Kafka cluster than this JVM's broker,
	 * as {@code host:port,host:port}; PostgreSQL stays this JVM's server.
	 */
	public static final String KAFKA_BOOTSTRAP_SERVERS = "bakery.test.kafka-bootstrap-servers";

	@Bean
	KafkaConnectionDetails kafkaConnectionDetails(
			@Value("${" + KAFKA_BOOTSTRAP_SERVERS + ":}") String bootstrapServers) {
		if (!bootstrapServers.isBlank()) {
			return () -> List.of(bootstrapServers.split(","));
		}
		Infrastructure infrastructure = Infrastructure.get();
		return () -> List.of(infrastructure.kafkaBootstrapServers());
	}

	@Bean
	JdbcConnectionDetails jdbcConnectionDetails(@Value("${bakery.database}") String database) {
		Infrastructure infrastructure = Infrastructure.get();
		String url = infrastructure.jdbcUrl(database);
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return infrastructure.username();
			}

			@Override
			public String getPassword() {
				return infrastructure.password();
			}

		};
	}

}
