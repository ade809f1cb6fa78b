package dev.bakery.infrastructure;

import java.nio.file.Path;
import java.util.Map;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Settings;
import dev.bakery.runtime.Site;
import dev.bakery.runtime.Workspace;

/**
 * Kafka and PostgreSQL as {@code ./bakery} runs them (bakery-runtime): Apache Kafka's own
 * broker in KRaft mode and zonky's PostgreSQL, each a process of its own, on free ports,
 * in this module's {@code target/bakery}. No Docker needed. PostgreSQL runs without fsync
 * here: a test JVM's data need not survive a power cut.
 */
final class RuntimeInfrastructure extends Infrastructure {

	private final Bakery bakery = new Bakery(Path.of(".."), Site.file().withFreePorts(),
			new Workspace(Path.of("target", "bakery")), Settings.from(Map.of()).notDurable().withoutTraces(),
			(said) -> {
			});

	@Override
	public String kind() {
		return "runtime";
	}

	@Override
	void start() {
		this.bakery.openInfrastructure();
	}

	@Override
	void stop() {
		this.bakery.close();
	}

	@Override
	public void stopKafka() {
		this.bakery.stop(Part.of(Part.KAFKA));
	}

	@Override
	public void startKafka() {
		this.bakery.start(Part.of(Part.KAFKA));
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.bakery.bootstrapServers();
	}

	@Override
	String jdbcUrlOf(String database) {
		return this.bakery.jdbcUrl(database);
	}

	@Override
	public String username() {
		return this.bakery.site().postgresUser();
	}

	@Override
	public String password() {
		return this.bakery.site().postgresPassword();
	}

}
