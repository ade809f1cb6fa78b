package dev.bakery.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.web.client.RestClient;

import dev.bakery.infrastructure.Infrastructure;

import static org.awaitility.Awaitility.await;

/**
 * One bake house as a real process, from the runnable jar that {@code ./bakery} starts
 * too, so that it can be stopped gracefully (SIGTERM) or killed (SIGKILL) for real. It
 * uses this JVM's broker and PostgreSQL server.
 */
final class BakeHouseProcess implements AutoCloseable {

	private static final Path JAR = Path.of("../bakery-service/target/bakery-service-0.1.0-SNAPSHOT-exec.jar");

	final String instanceId;

	private final int port;

	private final Process process;

	private BakeHouseProcess(String instanceId, int port, Process process) {
		this.instanceId = instanceId;
		this.port = port;
		this.process = process;
	}

	/** Starts a bake house and waits until it reports healthy. */
	static BakeHouseProcess start(String instanceId, int port, String database, String... properties)
			throws IOException {
		Infrastructure infrastructure = Infrastructure.get();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
				JAR.toAbsolutePath().toString(), "--server.port=" + port, "--bakery.instance-id=" + instanceId,
				"--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
				"--spring.datasource.url=" + infrastructure.jdbcUrl(database),
				"--spring.datasource.username=" + infrastructure.username(),
				"--spring.datasource.password=" + infrastructure.password()));
		for (String property : properties) {
			command.add("--" + property);
		}
		Path log = Path.of("target", "processes", instanceId + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.directory(new File("."))
			.start();
		BakeHouseProcess bakeHouse = new BakeHouseProcess(instanceId, port, process);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> bakeHouse.isHealthy());
		return bakeHouse;
	}

	private boolean isHealthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					this.instanceId + " died; see target/processes/" + this.instanceId + ".log");
		}
		String health = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/health")
			.retrieve()
			.body(String.class);
		return health != null && health.contains("\"status\":\"UP\"");
	}

	/** SIGTERM, as {@code ./bakery stop} and {@code docker compose stop} send it. */
	void stopGracefully() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(3, TimeUnit.MINUTES)) {
			throw new IllegalStateException(this.instanceId + " did not stop");
		}
	}

	/** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
