package dev.bakery.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import kafka.tools.StorageTool;

/**
 * The bakery's Kafka broker: Apache Kafka's own {@code kafka.Kafka} from the Maven
 * Central jars, one node that is broker and KRaft controller at once, listening on
 * localhost only, with the site's broker settings.
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

	/** Starts the broker; it is ready when its port answers. */
	void start() {
		Path logDirectory = this.workspace.data().resolve("kafka");
		Path config = this.workspace.run().resolve("kafka.properties");
		Path log = this.children.startLog(Site.KAFKA);
		Workspace.write(config, serverProperties(logDirectory));
		// Like Kafka's bin/kafka-storage.sh format --standalone: once, before the first
		// start.
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format(config, log);
		}
		// Like Kafka's bin/kafka-server-start.sh.
		this.children.launch(ProcessName.of(Site.KAFKA),
				this.java.command(List.of("-Xmx512m"), List.of("kafka.Kafka", config.toString())), Map.of());
	}

	/**
	 * The same settings as Kafka's own config/server.properties for a single KRaft node,
	 * and the site's.
	 */
	String serverProperties(Path logDirectory) {
		int port = this.site.port(Site.KAFKA);
		int controller = this.site.controllerPort();
		StringBuilder properties = new StringBuilder("""
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=localhost:%d
				listeners=PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d
				advertised.listeners=PLAINTEXT://localhost:%d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%s
				""".formatted(controller, port, controller, port, logDirectory.toString().replace('\\', '/')));
		this.site.brokerSettings()
			.forEach((name, value) -> properties.append(name).append('=').append(value).append('\n'));
		return properties.toString();
	}

	private void format(Path config, Path log) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			status = StorageTool.execute(new String[] { "format", "--standalone", "--cluster-id", this.site.clusterId(),
					"--config", config.toString() }, print);
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
