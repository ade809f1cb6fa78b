package dev.bakery.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The demo's settings, each from the environment: bake five times faster than real time
 * (a tray takes seconds, not minutes), simulator off unless {@code --simulate}, the
 * departments' JVM options and how long a start may take. {@code ./bakery up} writes them
 * down, so that {@code ./bakery start} in another terminal starts a department the same
 * way.
 *
 * @param timeScale {@code BAKERY_SIMULATION_TIME_SCALE}
 * @param simulate {@code BAKERY_SIMULATOR_ENABLED}
 * @param ordersPerMinute {@code BAKERY_SIMULATOR_ORDERS_PER_MINUTE}
 * @param javaOptions {@code BAKERY_JAVA_OPTS}
 * @param startupTimeoutSeconds {@code BAKERY_STARTUP_TIMEOUT}
 * @param bindAddress {@code BAKERY_BIND_ADDRESS}: where the departments listen, 127.0.0.1
 * (this machine only) unless opened up, e.g. 0.0.0.0 for a classroom
 * @param brokers {@code BAKERY_BROKERS}, or {@code ./bakery up --brokers 3}: how many
 * Kafka brokers run
 */
record Settings(String timeScale, boolean simulate, String ordersPerMinute, List<String> javaOptions,
		int startupTimeoutSeconds, String bindAddress, Brokers brokers) {

	private static final String TIME_SCALE = "BAKERY_SIMULATION_TIME_SCALE";

	private static final String SIMULATOR = "BAKERY_SIMULATOR_ENABLED";

	private static final String ORDERS_PER_MINUTE = "BAKERY_SIMULATOR_ORDERS_PER_MINUTE";

	private static final String JAVA_OPTIONS = "BAKERY_JAVA_OPTS";

	private static final String STARTUP_TIMEOUT = "BAKERY_STARTUP_TIMEOUT";

	private static final String BIND_ADDRESS = "BAKERY_BIND_ADDRESS";

	private static final String BROKERS = "BAKERY_BROKERS";

	/**
	 * C1 only: the defaults favour start-up over throughput. On a machine with few cores
	 * the four departments start about twice as fast; the benchmark measured about 1.4
	 * times the end-to-end rate with the full JIT ({@code BAKERY_JAVA_OPTS=-Xmx384m}, see
	 * docs/performance.md), which a demo does not need.
	 */
	private static final String DEFAULT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -Xmx384m";

	static Settings from(Map<String, String> environment) {
		return new Settings(environment.getOrDefault(TIME_SCALE, "0.2"),
				Boolean.parseBoolean(environment.getOrDefault(SIMULATOR, "false")),
				environment.getOrDefault(ORDERS_PER_MINUTE, "20"),
				Arrays.stream(environment.getOrDefault(JAVA_OPTIONS, DEFAULT_JAVA_OPTIONS).trim().split("\\s+"))
					.filter((option) -> !option.isEmpty())
					.toList(),
				Integer.parseInt(environment.getOrDefault(STARTUP_TIMEOUT, "180")),
				environment.getOrDefault(BIND_ADDRESS, "127.0.0.1"),
				new Brokers(Integer.parseInt(environment.getOrDefault(BROKERS, "1"))));
	}

	Settings simulating() {
		return new Settings(this.timeScale, true, this.ordersPerMinute, this.javaOptions, this.startupTimeoutSeconds,
				this.bindAddress, this.brokers);
	}

	Settings with(Brokers brokers) {
		return new Settings(this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupTimeoutSeconds, this.bindAddress, brokers);
	}

	/**
	 * What a department gets in its environment: the demo's settings, and the address to
	 * listen on (Spring Boot's {@code server.address}).
	 */
	Map<String, String> departmentEnvironment() {
		return Map.of(TIME_SCALE, this.timeScale, SIMULATOR, Boolean.toString(this.simulate), ORDERS_PER_MINUTE,
				this.ordersPerMinute, "SERVER_ADDRESS", this.bindAddress);
	}

	/** These settings as the environment variables {@link #from} reads. */
	private Map<String, String> variables() {
		return Map.of(TIME_SCALE, this.timeScale, SIMULATOR, Boolean.toString(this.simulate), ORDERS_PER_MINUTE,
				this.ordersPerMinute, BIND_ADDRESS, this.bindAddress, JAVA_OPTIONS, String.join(" ", this.javaOptions),
				STARTUP_TIMEOUT, Integer.toString(this.startupTimeoutSeconds), BROKERS,
				Integer.toString(this.brokers.count()));
	}

	void save(Path file) {
		Properties properties = new Properties();
		properties.putAll(variables());
		try (OutputStream out = Files.newOutputStream(file)) {
			properties.store(out, "./bakery up's settings, for ./bakery start");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The settings {@code ./bakery up} wrote down, or these if it did not. */
	Settings orSaved(Path file) {
		if (!Files.exists(file)) {
			return this;
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> saved = new java.util.HashMap<>();
		properties.stringPropertyNames().forEach((name) -> saved.put(name, properties.getProperty(name)));
		return from(saved);
	}

}
