package dev.bakery.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kafka.tools.StorageTool;

/**
 * The bakery's Kafka: Apache Kafka's own {@code kafka.Kafka} from the Maven Central jars,
 * listening on localhost only, with the site's broker settings and the replication
 * settings of the number of brokers ({@link Brokers}). One broker is a single node that
 * is broker and KRaft controller at once; three brokers are three broker nodes and a
 * KRaft controller node of their own.
 */
final class Kafka {

	private final Site site;

	private final Workspace workspace;

	private final Children children;

	private final Java java;

	Kafka(Site site, Workspace workspace, Children children, Java java) {
		this.site = site;
		this.workspace = workspace;
		this.children = children;
		this.java = java;
	}

	/** Starts a node of these brokers; it is ready when its port answers. */
	void start(ProcessName node, Brokers brokers) {
		Path logDirectory = this.workspace.data().resolve(node.toString());
		Path config = this.workspace.run().resolve(node + ".properties");
		Path log = this.children.startLog(node.toString());
		Workspace.write(config, serverProperties(node, brokers, logDirectory));
		// Like Kafka's bin/kafka-storage.sh format: once, before the first start.
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format(config, log, !brokerOnly(node, brokers));
		}
		// Like Kafka's bin/kafka-server-start.sh.
		this.children.launch(node,
				this.java.command(List.of(node.part().equals(Brokers.CONTROLLER) ? "-Xmx256m" : "-Xmx512m"),
						List.of("kafka.Kafka", config.toString())),
				Map.of());
	}

	private static boolean brokerOnly(ProcessName node, Brokers brokers) {
		return brokers.cluster() && node.part().equals(Site.KAFKA);
	}

	/**
	 * A node's server.properties: the settings of Kafka's own config/server.properties
	 * for its role, the site's broker settings and the replication settings. The
	 * controller gets the broker settings too: in KRaft mode it applies the defaults
	 * (partitions, replicas) to a topic that a client creates.
	 */
	String serverProperties(ProcessName node, Brokers brokers, Path logDirectory) {
		int controller = this.site.controllerPort();
		int port = node.port(this.site);
		StringBuilder properties = new StringBuilder();
		if (!brokers.cluster()) {
			properties.append("""
					process.roles=broker,controller
					node.id=1
					listeners=PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d
					advertised.listeners=PLAINTEXT://localhost:%d
					""".formatted(port, controller, port));
		}
		else if (node.part().equals(Brokers.CONTROLLER)) {
			properties.append("""
					process.roles=controller
					node.id=%d
					listeners=CONTROLLER://localhost:%d
					""".formatted(Brokers.CONTROLLER_NODE, controller));
		}
		else {
			properties.append("""
					process.roles=broker
					node.id=%d
					listeners=PLAINTEXT://localhost:%d
					advertised.listeners=PLAINTEXT://localhost:%d
					""".formatted(node.instance(), port, port));
		}
		properties.append("""
				controller.quorum.bootstrap.servers=localhost:%d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%s
				""".formatted(controller, logDirectory.toString().replace('\\', '/')));
		Map<String, String> settings = new TreeMap<>(this.site.brokerSettings());
		settings.putAll(brokers.replication(this.site));
		settings.forEach((name, value) -> properties.append(name).append('=').append(value).append('\n'));
		return properties.toString();
	}

	/**
	 * Formats a node's log directory for the site's cluster id; a controller's
	 * {@code --standalone} makes it the one voter of a new controller quorum.
	 */
	private void format(Path config, Path log, boolean controller) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			List<String> arguments = new ArrayList<>(
					List.of("format", "--cluster-id", this.site.clusterId(), "--config", config.toString()));
			if (controller) {
				arguments.add("--standalone");
			}
			status = StorageTool.execute(arguments.toArray(String[]::new), print);
		}
		catch (RuntimeException ex) {
			output.writeBytes(String.valueOf(ex).getBytes(StandardCharsets.UTF_8));
			status = 1;
		}
		try {
			Files.write(log, output.toByteArray(), StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (status != 0) {
			throw new Failure("could not format Kafka's log directory (see " + this.workspace.shown(log) + ")");
		}
	}

}
