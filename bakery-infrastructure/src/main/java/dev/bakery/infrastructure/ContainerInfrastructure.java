package dev.bakery.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL from their official images, started by Testcontainers (which also
 * removes them when the JVM ends).
 */
final class ContainerInfrastructure extends Infrastructure {

	/**
	 * The broker of the Kafka version the services' clients are: one Kafka version
	 * everywhere.
	 */
	static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

	private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
		.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");

	private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);

	/**
	 * Whether Docker answers within a few seconds and already has both images. A machine
	 * where Docker runs but cannot pull would otherwise retry a pull for minutes; there
	 * the runtime's processes are the better choice.
	 */
	static boolean canRunHere() {
		if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
			log.info("No Docker here: using the runtime's infrastructure");
			return false;
		}
		try {
			return CompletableFuture.supplyAsync(ContainerInfrastructure::dockerHasImages).get(15, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.info("Docker did not answer in time ({}): using the runtime's infrastructure", ex.toString());
			return false;
		}
	}

	private static boolean dockerHasImages() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			log.info("Docker is not available: using the runtime's infrastructure");
			return false;
		}
		DockerClient docker = DockerClientFactory.lazyClient();
		for (String image : new String[] { KAFKA_IMAGE, POSTGRES_IMAGE }) {
			try {
				docker.inspectImageCmd(image).exec();
			}
			catch (RuntimeException ex) {
				log.info("Docker has no {} image (pull it, or choose -Dbakery.infrastructure=containers): "
						+ "using the runtime's infrastructure", image);
				return false;
			}
		}
		return true;
	}

	@Override
	public String kind() {
		return "containers";
	}

	@Override
	void start() {
		this.kafka.start();
		this.postgres.start();
	}

	@Override
	void stop() {
		this.kafka.stop();
		this.postgres.stop();
	}

	/**
	 * Pauses the container: the broker is unreachable, and keeps its data and its mapped
	 * port.
	 */
	@Override
	public void stopKafka() {
		this.kafka.getDockerClient().pauseContainerCmd(this.kafka.getContainerId()).exec();
	}

	@Override
	public void startKafka() {
		this.kafka.getDockerClient().unpauseContainerCmd(this.kafka.getContainerId()).exec();
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	String jdbcUrlOf(String database) {
		return "jdbc:postgresql://" + this.postgres.getHost() + ":" + this.postgres.getMappedPort(5432) + "/"
				+ database;
	}

	@Override
	public String username() {
		return this.postgres.getUsername();
	}

	@Override
	public String password() {
		return this.postgres.getPassword();
	}

}
