package dev.bakery.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kafka.tools.StorageTool;

/**
 * The bakery's Kafka nodes: Apache Kafka's own {@code kafka.Kafka} from the Maven Central
 * jars on this JVM's class path, each a process of its own, as
 * {@code bin/kafka-server-start.sh} runs it, listening on localhost only, with the site's
 * broker settings and the replication of the number of brokers.
 */
final class Kafka {

	private final Site site;

	private final Workspace workspace;

	private final Processes processes;

	Kafka(Site site, Workspace workspace, Processes processes) {
		this.site = site;
		this.workspace = workspace;
		this.processes = processes;
	}

	/**
	 * Starts a node; it is ready once its port answers.
	 * @param compiler the JIT options the departments run with
	 * ({@link Settings#compilerOptions()})
	 */
	void start(Part node, Brokers brokers, List<String> compiler) {
		Path logDirectory = this.workspace.data().resolve(node.toString());
		Path config = this.workspace.run().resolve(node + ".properties");
		Workspace.write(config, serverProperties(node, brokers, logDirectory));
		// As bin/kafka-storage.sh format does: once, before the first start.
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format(node, config, !brokers.cluster() || node.name().equals(Part.CONTROLLER));
		}
		List<String> command = new ArrayList<>(List.of(Processes.java()));
		command.addAll(compiler);
		command.addAll(List.of(node.name().equals(Part.CONTROLLER) ? "-Xmx256m" : "-Xmx512m",
				"-Dlogback.configurationFile=" + logback(), "-cp", System.getProperty("java.class.path"), "kafka.Kafka",
				config.toString()));
		this.processes.launch(node, command, Map.of());
	}

	/**
	 * A node's server.properties: Kafka's own config/server.properties for its role, the
	 * site's broker settings and the replication settings. The controller gets the broker
	 * settings too: it applies the defaults (partitions, replicas) to a topic a client
	 * creates.
	 */
	String serverProperties(Part node, Brokers brokers, Path logDirectory) {
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
		else if (node.name().equals(Part.CONTROLLER)) {
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
	 * Formats a node's log directory; {@code --standalone} makes a controller the one
	 * voter of a new quorum.
	 */
	private void format(Part node, Path config, boolean controller) {
		List<String> arguments = new ArrayList<>(
				List.of("format", "--cluster-id", this.site.clusterId(), "--config", config.toString()));
		if (controller) {
			arguments.add("--standalone");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			status = StorageTool.execute(arguments.toArray(String[]::new), print);
		}
		catch (RuntimeException ex) {
			output.writeBytes(String.valueOf(ex).getBytes(StandardCharsets.UTF_8));
			status = 1;
		}
		Path log = this.workspace.log(node);
		try {
			Files.createDirectories(log.getParent());
			Files.write(log, output.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (status != 0) {
			throw new BakeryFailure("could not format Kafka's log directory (see " + this.workspace.shown(log) + ")");
		}
	}

	/**
	 * The nodes' logging, written into the workspace so that a node started from any
	 * class path finds it. Brokers start side by side: each writes a file of its own and
	 * renames it into place (a plain copy deletes and creates the file, and two copies at
	 * once failed with FileAlreadyExistsException).
	 */
	private Path logback() {
		Path file = this.workspace.run().resolve("kafka-logback.xml");
		if (!Files.exists(file)) {
			try (InputStream in = Kafka.class.getResourceAsStream("kafka-logback.xml")) {
				Files.createDirectories(file.getParent());
				Path own = Files.createTempFile(file.getParent(), "kafka-logback", ".xml");
				Files.copy(in, own, StandardCopyOption.REPLACE_EXISTING);
				Files.move(own, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return file;
	}

}
