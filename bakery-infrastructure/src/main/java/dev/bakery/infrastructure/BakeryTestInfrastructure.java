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
 * {@code @Import(BakeryTestInfrastructure.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BakeryTestInfrastructure {

	@Bean
	KafkaConnectionDetails kafkaConnectionDetails() {
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
