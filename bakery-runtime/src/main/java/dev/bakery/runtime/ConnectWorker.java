package dev.bakery.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bakery's Kafka Connect worker: Apache Kafka's own
 * {@code org.apache.kafka.connect.cli.ConnectDistributed} in distributed mode, as
 * {@code bin/connect-distributed.sh} runs it, from the jars bakery-connect copied from
 * Maven Central ({@code bakery-connect/target/connect/lib}), with its plugins (Debezium,
 * the head office's sink) in {@code target/connect/plugins}. Its connectors' configs,
 * offsets and states live in Kafka, in the topics {@value #CONFIGS}, {@value #OFFSETS}
 * and {@value #STATUS}, so that a worker that starts again (or another one of the group)
 * carries on where the last one stopped.
 */
final class ConnectWorker {

	static final String GROUP = "bakery-connect";

	static final String CONFIGS = "connect-configs";

	static final String OFFSETS = "connect-offsets";

	static final String STATUS = "connect-status";

	private final Path home;

	private final Site site;

	private final Workspace workspace;

	private final Processes processes;

	ConnectWorker(Path root, Site site, Workspace workspace, Processes processes) {
		this.home = root.resolve("bakery-connect").resolve("target").resolve("connect");
		this.site = site;
		this.workspace = workspace;
		this.processes = processes;
	}

	/** The connectors' configs, one JSON file each. */
	Path connectors() {
		return this.home.resolve("connectors");
	}

	void start(Brokers brokers, List<String> compiler) {
		if (!Files.isDirectory(this.home.resolve("lib")) || !Files.isDirectory(this.home.resolve("plugins"))) {
			throw new BakeryFailure("bakery-connect is not built yet (./mvnw -B package, or ./bakery up)");
		}
		Path config = this.workspace.run().resolve(Part.CONNECT + ".properties");
		Workspace.write(config, workerProperties(brokers));
		List<String> command = new ArrayList<>(List.of(Processes.java()));
		command.addAll(compiler);
		command.addAll(List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
				"-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS", "-cp",
				this.home.resolve("lib") + File.separator + "*", "org.apache.kafka.connect.cli.ConnectDistributed",
				config.toString()));
		// What the connectors' ${env:...} name: the site's facts, PostgreSQL on this
		// machine.
		Map<String, String> environment = new HashMap<>(this.site.facts());
		environment.put("POSTGRES_HOST", "localhost");
		this.processes.launch(Part.of(Part.CONNECT), command, environment);
	}

	String workerProperties(Brokers brokers) {
		int port = this.site.connectPort();
		return """
				bootstrap.servers=%s
				group.id=%s
				listeners=http://localhost:%d
				rest.advertised.host.name=localhost
				rest.advertised.port=%d
				config.storage.topic=%s
				offset.storage.topic=%s
				status.storage.topic=%s
				# -1: the brokers' default.replication.factor (3 with three brokers, 1 with one).
				config.storage.replication.factor=-1
				offset.storage.replication.factor=-1
				status.storage.replication.factor=-1
				key.converter=org.apache.kafka.connect.storage.StringConverter
				value.converter=org.apache.kafka.connect.storage.StringConverter
				plugin.path=%s
				# A connector's ${env:NAME} is this process's environment variable NAME.
				config.providers=env
				config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
				# Every plugin names itself in a ServiceLoader manifest: no scan of every class (20 s saved).
				plugin.discovery=service_load
				# A source task's records and its offsets in one Kafka transaction: a worker killed mid-stream
				# neither loses nor doubles a record for a read_committed reader.
				exactly.once.source.support=enabled
				# Sinks read what a transaction committed, no aborted record.
				consumer.isolation.level=read_committed
				offset.flush.interval.ms=1000
				# The one worker of the group takes its connectors back at once when it rejoins after a crash
				# (by default the group waits up to 5 minutes for the lost worker).
				scheduled.rebalance.max.delay.ms=0
				""".formatted(brokers.bootstrapServers(this.site), GROUP, port, port, CONFIGS, OFFSETS, STATUS,
				this.home.resolve("plugins").toString().replace('\\', '/'));
	}

}
