package dev.bakery.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Kafka cluster of its own processes: one KRaft controller (node 0) and three
 * brokers (nodes 1, 2 and 3), each a JVM started from this test's class path with Apache
 * Kafka's own {@code kafka.Kafka}, as {@code bin/kafka-server-start.sh} runs it, on a
 * free localhost port and with a log directory of its own. Topics get three replicas, and
 * a write with {@code acks=all} needs two of them in sync. A broker can be killed with
 * SIGKILL and started again with the same data at the same address. Each node's output
 * goes to {@code target/kafka-cluster/node-<id>.log}. {@link #close()} kills every node,
 * and so does a shutdown hook if the test JVM ends first.
 */
final class KafkaCluster implements AutoCloseable {

	static final int CONTROLLER = 0;

	static final List<Integer> BROKERS = List.of(1, 2, 3);

	/**
	 * The cluster's settings, on every node, as ./bakery up --brokers 3 gives them: the
	 * site's broker settings and its replication for three brokers
	 * (bakery-site.properties). The controller applies the defaults to the topics it
	 * creates, the brokers to the writes they take. The rest are Kafka's defaults.
	 */
	private static final Map<String, String> SETTINGS = settings();

	private static final Path LOGS = Path.of("target", "kafka-cluster");

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final String clusterId = Uuid.randomUuid().toString();

	private final Path directory;

	private final Map<Integer, Integer> ports = new TreeMap<>();

	private final Map<Integer, Process> running = new ConcurrentHashMap<>();

	private final Thread killAll = new Thread(this::killAll, "kafka-cluster-kill");

	KafkaCluster() {
		try {
			this.directory = Files.createTempDirectory("kafka-cluster");
			Files.createDirectories(LOGS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Stream.concat(Stream.of(CONTROLLER), BROKERS.stream()).forEach((node) -> this.ports.put(node, freePort()));
		Runtime.getRuntime().addShutdownHook(this.killAll);
	}

	/**
	 * Formats every node's log directory and starts the controller and the three brokers;
	 * returns when all three brokers have registered.
	 */
	KafkaCluster start() {
		write(logbackConfiguration(), """
				<configuration>
					<appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
						<encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
					</appender>
					<root level="INFO"><appender-ref ref="OUT"/></root>
					<logger name="org.apache.kafka.common.config" level="WARN"/>
					<logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
				</configuration>
				""");
		for (int node : this.ports.keySet()) {
			write(log(node), "");
			write(serverProperties(node), properties(node));
			format(node);
		}
		start(CONTROLLER);
		start(BROKERS.stream().mapToInt(Integer::intValue).toArray());
		return this;
	}

	/**
	 * Starts nodes that are not running, with the data they had; returns when the brokers
	 * among them have registered with the controller.
	 */
	void start(int... nodes) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		for (int node : nodes) {
			assertThat(isRunning(node)).as("node %d running", node).isFalse();
			List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
					"-Dlogback.configurationFile=" + logbackConfiguration(), "-cp",
					System.getProperty("java.class.path"), "kafka.Kafka", serverProperties(node).toString());
			mark(node, "started");
			try {
				this.running.put(node,
						new ProcessBuilder(command).redirectErrorStream(true)
							.redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()))
							.start());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start Kafka node " + node, ex);
			}
		}
		List<Integer> brokers = IntStream.of(nodes).boxed().filter(BROKERS::contains).toList();
		if (brokers.isEmpty()) {
			return;
		}
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptionsMatching((ex) -> !(ex instanceof IllegalStateException))
			.until(() -> brokersUp().containsAll(brokers));
	}

	/**
	 * SIGKILL, as {@code kill -9}: no shutdown, no goodbye to the controller, whatever is
	 * not on disk is lost.
	 */
	void kill(int node) {
		Process process = this.running.remove(node);
		assertThat(process).as("node %d running", node).isNotNull();
		process.destroyForcibly();
		try {
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node %d dead", node).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		mark(node, "killed (SIGKILL)");
	}

	boolean isRunning(int node) {
		Process process = this.running.get(node);
		return process != null && process.isAlive();
	}

	/** Where clients reach the brokers, as {@code host:port,host:port,host:port}. */
	String bootstrapServers() {
		return BROKERS.stream().map((broker) -> "localhost:" + this.ports.get(broker)).collect(Collectors.joining(","));
	}

	/**
	 * The brokers that the cluster's metadata lists as up (registered and not fenced).
	 * @throws IllegalStateException if a started node has died by itself
	 */
	Set<Integer> brokersUp() throws ExecutionException, InterruptedException {
		this.running.forEach((node, process) -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Kafka node " + node + " died; see " + log(node));
			}
		});
		try (Admin admin = admin()) {
			return admin.describeCluster().nodes().get().stream().map(Node::id).collect(Collectors.toSet());
		}
	}

	/** A topic's partitions, each with its leader, replicas and in-sync replicas. */
	TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
		}
	}

	/** The partitions of a topic that each broker leads now, by broker. */
	Map<Integer, List<Integer>> leaders(String topic) throws ExecutionException, InterruptedException {
		Map<Integer, List<Integer>> led = new TreeMap<>();
		for (TopicPartitionInfo partition : describe(topic).partitions()) {
			if (partition.leader() != null && !partition.leader().isEmpty()) {
				led.computeIfAbsent(partition.leader().id(), (broker) -> new ArrayList<>()).add(partition.partition());
			}
		}
		return led;
	}

	Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000));
	}

	/** Kills every node and deletes their data. */
	@Override
	public void close() {
		killAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killAll);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down; the hook has run or runs now.
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory: left for the system to clean.
		}
	}

	private void killAll() {
		this.running.values().forEach(Process::destroyForcibly);
		this.running.values().forEach((process) -> {
			try {
				process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.running.clear();
	}

	/**
	 * A node's server.properties: the controller listens for the brokers only; a broker
	 * for clients and the other brokers, and finds the controller through
	 * {@code controller.quorum.bootstrap.servers}.
	 */
	private String properties(int node) {
		int port = this.ports.get(node);
		String controller = "localhost:" + this.ports.get(CONTROLLER);
		String logDirectory = this.directory.resolve("node-" + node).toString();
		String properties = (node == CONTROLLER) ? """
				process.roles=controller
				node.id=%d
				controller.quorum.bootstrap.servers=%s
				listeners=CONTROLLER://localhost:%d
				advertised.listeners=CONTROLLER://localhost:%d
				controller.listener.names=CONTROLLER
				listener.security.protocol.map=CONTROLLER:PLAINTEXT
				log.dirs=%s
				""".formatted(node, controller, port, port, logDirectory) : """
				process.roles=broker
				node.id=%d
				controller.quorum.bootstrap.servers=%s
				listeners=PLAINTEXT://localhost:%d
				advertised.listeners=PLAINTEXT://localhost:%d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%s
				""".formatted(node, controller, port, port, logDirectory);
		return properties + SETTINGS.entrySet()
			.stream()
			.map((setting) -> setting.getKey() + "=" + setting.getValue() + "\n")
			.collect(Collectors.joining());
	}

	/**
	 * Like {@code bin/kafka-storage.sh format}: the controller as a single-node dynamic
	 * quorum ({@code --standalone}), a broker with the cluster id only.
	 */
	private void format(int node) {
		List<String> arguments = new ArrayList<>(
				List.of("format", "--cluster-id", this.clusterId, "--config", serverProperties(node).toString()));
		if (node == CONTROLLER) {
			arguments.add("--standalone");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			status = StorageTool.execute(arguments.toArray(String[]::new), print);
		}
		append(log(node), output.toString(StandardCharsets.UTF_8));
		assertThat(status).as("formatting node %d (see %s)", node, log(node)).isZero();
	}

	private void mark(int node, String what) {
		append(log(node), "%n===== node %d %s at %s =====%n".formatted(node, what, Instant.now()));
	}

	private Path serverProperties(int node) {
		return this.directory.resolve("node-" + node + ".properties");
	}

	private Path logbackConfiguration() {
		return this.directory.resolve("logback.xml");
	}

	private static Path log(int node) {
		return LOGS.resolve("node-" + node + ".log");
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void append(Path file, String text) {
		try {
			Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>(SiteFacts.under("site.broker."));
		settings.putAll(SiteFacts.under("site.cluster."));
		return settings;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
