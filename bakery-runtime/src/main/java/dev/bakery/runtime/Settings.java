package dev.bakery.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How a bakery runs, from the environment ({@code ./bakery}) or a test.
 *
 * @param brokers {@code BAKERY_BROKERS} or {@code --brokers 3}: how many Kafka brokers
 * @param timeScale {@code BAKERY_SIMULATION_TIME_SCALE}: 1 real time, 0 instant
 * @param simulate {@code BAKERY_SIMULATOR_ENABLED}: the till places orders by itself
 * @param ordersPerMinute {@code BAKERY_SIMULATOR_ORDERS_PER_MINUTE}
 * @param javaOptions {@code BAKERY_JAVA_OPTS}: the departments' JVM options (the brokers'
 * and the Connect worker's JIT too)
 * @param startupSeconds {@code BAKERY_STARTUP_TIMEOUT}: how long a part may take to start
 * @param bindAddress {@code BAKERY_BIND_ADDRESS}: where the departments listen; 127.0.0.1
 * (this machine only) unless opened up, e.g. 0.0.0.0 for a classroom
 * @param keepData {@code --keep-data}: the data outlives a close
 * @param durable PostgreSQL with fsync and synchronous commit (off only where a test
 * chooses speed)
 * @param faults the departments let the fault soak arm their fault points
 * @param traces Zipkin opens with the bakery (a test's bakery starts it only for a test
 * that reads traces)
 * @param properties more Spring settings for every department (tests), as
 * {@code --name=value}
 */
public record Settings(Brokers brokers, String timeScale, boolean simulate, String ordersPerMinute,
		List<String> javaOptions, int startupSeconds, String bindAddress, boolean keepData, boolean durable,
		boolean faults, boolean traces, Map<String, String> properties) {

	/**
	 * C1 only: on two cores the departments start about twice as fast, and a demo does
	 * not need the last bit of throughput (docs/performance.md).
	 */
	private static final String DEFAULT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -Xmx384m";

	public Settings {
		javaOptions = List.copyOf(javaOptions);
		properties = Map.copyOf(properties);
	}

	public static Settings from(Map<String, String> environment) {
		return new Settings(new Brokers(Integer.parseInt(environment.getOrDefault("BAKERY_BROKERS", "1"))),
				environment.getOrDefault("BAKERY_SIMULATION_TIME_SCALE", "0.2"),
				Boolean.parseBoolean(environment.getOrDefault("BAKERY_SIMULATOR_ENABLED", "false")),
				environment.getOrDefault("BAKERY_SIMULATOR_ORDERS_PER_MINUTE", "20"),
				Arrays.stream(environment.getOrDefault("BAKERY_JAVA_OPTS", DEFAULT_JAVA_OPTIONS).strip().split("\\s+"))
					.filter((option) -> !option.isEmpty())
					.toList(),
				Integer.parseInt(environment.getOrDefault("BAKERY_STARTUP_TIMEOUT", "180")),
				environment.getOrDefault("BAKERY_BIND_ADDRESS", "127.0.0.1"),
				Boolean.parseBoolean(environment.getOrDefault("BAKERY_KEEP_DATA", "false")), true,
				Boolean.parseBoolean(environment.getOrDefault("BAKERY_FAULTS", "false")),
				Boolean.parseBoolean(environment.getOrDefault("BAKERY_TRACES", "true")), Map.of());
	}

	public Settings with(Brokers brokers) {
		return new Settings(brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, this.faults, this.traces,
				this.properties);
	}

	public Settings simulating() {
		return new Settings(this.brokers, this.timeScale, true, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, this.faults, this.traces,
				this.properties);
	}

	/** The departments let the fault soak arm their fault points. */
	public Settings withFaults() {
		return new Settings(this.brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, true, this.traces, this.properties);
	}

	public Settings keepingData() {
		return new Settings(this.brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, true, this.durable, this.faults, this.traces, this.properties);
	}

	public Settings withTimeScale(String timeScale) {
		return new Settings(this.brokers, timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, this.faults, this.traces,
				this.properties);
	}

	/**
	 * For tests: fault points to arm, Zipkin only where a test starts it, and these
	 * Spring settings for every department. PostgreSQL stays durable: the fault soak
	 * kills it, and a commit the till answered for must survive that.
	 */
	public Settings forTests(Map<String, String> properties) {
		return new Settings(this.brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, true, false, properties);
	}

	/**
	 * PostgreSQL without fsync and synchronous commit: for tests that never kill the
	 * server, where a commit need not outlive a crash of the machine.
	 */
	public Settings notDurable() {
		return new Settings(this.brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, false, this.faults, this.traces, this.properties);
	}

	/**
	 * Zipkin does not open with the bakery: for one whose traces nobody reads (a module's
	 * tests, the training runs of {@code ./bakery prepare}).
	 */
	public Settings withoutTraces() {
		return new Settings(this.brokers, this.timeScale, this.simulate, this.ordersPerMinute, this.javaOptions,
				this.startupSeconds, this.bindAddress, this.keepData, this.durable, this.faults, false,
				this.properties);
	}

	/**
	 * The JIT options of {@code BAKERY_JAVA_OPTS} ({@code -XX:TieredStopAtLevel}), which
	 * the brokers and the Connect worker take too: C1 only by default, since on two cores
	 * the compiler threads of a starting JVM compete with everything else; the full JIT
	 * for throughput everywhere at once.
	 */
	public List<String> compilerOptions() {
		return this.javaOptions.stream().filter((option) -> option.startsWith("-XX:TieredStopAtLevel=")).toList();
	}

	/**
	 * The environment of a department or the board: the site's facts (as this bakery has
	 * them) and the demo's settings.
	 */
	Map<String, String> departmentEnvironment(Site site) {
		Map<String, String> environment = new HashMap<>(site.facts());
		environment.put("KAFKA_BOOTSTRAP_SERVERS", this.brokers.bootstrapServers(site));
		environment.put("POSTGRES_HOST", "localhost");
		environment.put("BAKERY_SIMULATION_TIME_SCALE", this.timeScale);
		environment.put("BAKERY_SIMULATOR_ENABLED", Boolean.toString(this.simulate));
		environment.put("BAKERY_SIMULATOR_ORDERS_PER_MINUTE", this.ordersPerMinute);
		environment.put("SERVER_ADDRESS", this.bindAddress);
		if (this.faults) {
			environment.put("MANAGEMENT_ENDPOINT_FAULT_ACCESS", "unrestricted");
		}
		return environment;
	}

	private Map<String, String> variables() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("BAKERY_BROKERS", Integer.toString(this.brokers.count()));
		variables.put("BAKERY_SIMULATION_TIME_SCALE", this.timeScale);
		variables.put("BAKERY_SIMULATOR_ENABLED", Boolean.toString(this.simulate));
		variables.put("BAKERY_SIMULATOR_ORDERS_PER_MINUTE", this.ordersPerMinute);
		variables.put("BAKERY_JAVA_OPTS", String.join(" ", this.javaOptions));
		variables.put("BAKERY_STARTUP_TIMEOUT", Integer.toString(this.startupSeconds));
		variables.put("BAKERY_BIND_ADDRESS", this.bindAddress);
		variables.put("BAKERY_KEEP_DATA", Boolean.toString(this.keepData));
		variables.put("BAKERY_FAULTS", Boolean.toString(this.faults));
		return variables;
	}

	void save(Path file) {
		Properties properties = new Properties();
		properties.putAll(variables());
		try (OutputStream out = Files.newOutputStream(file)) {
			properties.store(out, "the settings the bakery was opened with, for later commands");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The settings a bakery was opened with, if it wrote them down; these otherwise. */
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
		Map<String, String> saved = new HashMap<>();
		properties.stringPropertyNames().forEach((name) -> saved.put(name, properties.getProperty(name)));
		Settings settings = from(saved);
		return new Settings(settings.brokers, settings.timeScale, settings.simulate, settings.ordersPerMinute,
				settings.javaOptions, settings.startupSeconds, settings.bindAddress, settings.keepData, this.durable,
				settings.faults, this.traces, this.properties);
	}

}
