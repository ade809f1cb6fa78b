package dev.bakery.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * One department as a real process, from the runnable jar that {@code ./bakery} starts
 * too, so that it can be stopped gracefully (SIGTERM) or killed (SIGKILL) for real. It
 * uses this JVM's broker and PostgreSQL server.
 */
final class DepartmentProcess implements AutoCloseable {

	final String instanceId;

	private final int port;

	private final Process process;

	private DepartmentProcess(String instanceId, int port, Process process) {
		this.instanceId = instanceId;
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts a department and waits until it reports healthy.
	 * @param department which one; its jar is its module's
	 * {@code target/<service>-0.1.0-SNAPSHOT-exec.jar}
	 * @param instanceId its {@code bakery.instance-id}, also the name of its log,
	 * {@code target/processes/<instanceId>.log}
	 * @param port its HTTP port
	 * @param database the name of its database on this JVM's PostgreSQL server
	 * @param properties settings of its own, as {@code name=value}
	 */
	static DepartmentProcess start(Department department, String instanceId, int port, String database,
			String... properties) throws IOException {
		Infrastructure infrastructure = Infrastructure.get();
		Path jar = Path.of("..", department.service, "target", department.service + "-0.1.0-SNAPSHOT-exec.jar");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
				jar.toAbsolutePath().toString(), "--server.port=" + port, "--bakery.instance-id=" + instanceId,
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
		DepartmentProcess started = new DepartmentProcess(instanceId, port, process);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> started.isHealthy());
		return started;
	}

	/**
	 * A port no process listens on now, for a department that must keep its address
	 * across a restart.
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where it answers, e.g. {@code http://localhost:18182}. */
	String url() {
		return "http://localhost:" + this.port;
	}

	private boolean isHealthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					this.instanceId + " died; see target/processes/" + this.instanceId + ".log");
		}
		String health = RestClient.create(url()).get().uri("/actuator/health").retrieve().body(String.class);
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
