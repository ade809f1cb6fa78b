package dev.bakery.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trace backend: Zipkin's own server ({@code io.zipkin:zipkin-server}'s runnable jar
 * from Maven Central, which the build copies into bakery-runtime's {@code target}), a
 * process of its own. It keeps the spans in memory, the last {@value #SPANS} (the traces
 * of about 1,500 orders), takes them over HTTP only (its Kafka, RabbitMQ, ActiveMQ,
 * Pulsar and gRPC collectors stay off, whatever the environment says) and shows them at
 * {@code http://localhost:<ZIPKIN_PORT>/zipkin/}, on the address the departments listen
 * on.
 */
final class Zipkin {

	/** Where the build puts the jar, in the repository. */
	static final String JAR = "bakery-runtime/target/zipkin/zipkin-server.jar";

	private static final int SPANS = 50_000;

	private final Path root;

	private final Site site;

	private final Processes processes;

	Zipkin(Path root, Site site, Processes processes) {
		this.root = root;
		this.site = site;
		this.processes = processes;
	}

	/** Starts it; it is ready once its port answers. */
	void start(Part part, Settings settings) {
		Path jar = this.root.resolve(JAR);
		if (!Files.isRegularFile(jar)) {
			throw new BakeryFailure(
					"Zipkin's server is not there (" + JAR + "; ./mvnw -B package copies it from Maven Central)");
		}
		String port = Integer.toString(part.port(this.site));
		List<String> command = List.of(Processes.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=" + settings.bindAddress());
		Map<String, String> environment = Map.of("QUERY_PORT", port, "MEM_MAX_SPANS", Integer.toString(SPANS),
				"COLLECTOR_KAFKA_ENABLED", "false", "COLLECTOR_RABBITMQ_ENABLED", "false", "COLLECTOR_ACTIVEMQ_ENABLED",
				"false", "COLLECTOR_PULSAR_ENABLED", "false", "COLLECTOR_GRPC_ENABLED", "false");
		this.processes.launch(part, command, environment);
	}

}
