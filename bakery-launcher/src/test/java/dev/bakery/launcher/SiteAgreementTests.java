package dev.bakery.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code bakery-site.properties} (bakery-events) is the one place for where the bakery's
 * parts live and how its broker is set up; ./bakery and the services read it. Docker
 * Compose and PostgreSQL's init script cannot, so {@code docker-compose.yml} and
 * {@code docker/postgres/init.sql} repeat some of its facts. These tests fail the build
 * when a copy disagrees with the site, so that changing a port or a broker setting in one
 * place cannot leave {@code docker compose up} running a different bakery from
 * {@code ./bakery up}.
 */
class SiteAgreementTests {

	private static final String SITE_FILE = "bakery-events/src/main/resources/bakery-site.properties";

	private static final String COMPOSE_FILE = "docker-compose.yml";

	private static final String CLUSTER_FILE = "docker-compose.cluster.yml";

	private static final String INIT_SQL_FILE = "docker/postgres/init.sql";

	private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(\\w+):-(.*)}");

	private static final Pattern CREATE_DATABASE = Pattern.compile("^\\s*CREATE\\s+DATABASE\\s+\"?(\\w+)\"?\\s*;",
			Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

	private static final Path ROOT = repositoryRoot();

	private static final Properties SITE = site();

	private static final Map<String, Object> COMPOSE = compose(COMPOSE_FILE);

	private static final Map<String, Object> CLUSTER = compose(CLUSTER_FILE);

	@Test
	void composeGivesKafkaTheSiteClusterId() {
		assertThat(environment("kafka").get("CLUSTER_ID"))
			.as(composeFact("kafka's CLUSTER_ID", "site.kafka.cluster-id"))
			.isEqualTo(site("kafka.cluster-id"));
	}

	@Test
	void composeGivesKafkaEverySiteBrokerSetting() {
		Map<String, String> environment = environment("kafka");
		List<String> settings = siteKeys("broker.");
		assertThat(settings).as("%s has site.broker.* settings", SITE_FILE).isNotEmpty();
		for (String setting : settings) {
			String variable = "KAFKA_" + setting.substring("site.broker.".length()).toUpperCase().replace('.', '_');
			assertThat(environment).as(composeFact("kafka's " + variable, setting))
				.containsEntry(variable, SITE.getProperty(setting));
		}
	}

	@Test
	void composeGivesItsOneBrokerTheReplicationOfOneBroker() {
		assertThat(environment("kafka"))
			.as("%s: kafka's replication settings should be those of Brokers.ONE", COMPOSE_FILE)
			.containsAllEntriesOf(variables(Brokers.ONE.replication(Site.load())));
	}

	@Test
	void theClusterFileGivesEveryNodeTheSiteClusterIdAndTheReplicationOfThreeBrokers() {
		for (String node : List.of("kafka-controller", "kafka", "kafka-2", "kafka-3")) {
			Map<String, String> environment = strings(
					mapping(mapping(mapping(CLUSTER, "services", "the file"), node, "services"), "environment", node),
					node);
			assertThat(environment)
				.as("%s: %s's replication settings should be those of new Brokers(3)", CLUSTER_FILE, node)
				.containsAllEntriesOf(variables(new Brokers(3).replication(Site.load())));
			if (!node.equals("kafka")) {
				assertThat(environment).as("%s: %s's CLUSTER_ID should be site.kafka.cluster-id", CLUSTER_FILE, node)
					.containsEntry("CLUSTER_ID", site("kafka.cluster-id"))
					.containsEntry("KAFKA_NUM_PARTITIONS", site("broker.num.partitions"));
			}
			if (node.startsWith("kafka-") && !node.equals("kafka-controller")) {
				for (String setting : siteKeys("broker.")) {
					String variable = "KAFKA_"
							+ setting.substring("site.broker.".length()).toUpperCase().replace('.', '_');
					assertThat(environment)
						.as("%s: %s's %s should be %s from %s", CLUSTER_FILE, node, variable, setting, SITE_FILE)
						.containsEntry(variable, SITE.getProperty(setting));
				}
			}
			if (node.startsWith("kafka-") && !node.equals("kafka-controller")) {
				ProcessName broker = ProcessName.ofFileName(node);
				String port = Integer.toString(broker.port(Site.load()));
				assertThat(listenerPorts(environment, "KAFKA_ADVERTISED_LISTENERS"))
					.as("%s: %s's HOST listener should be on %s, where ./bakery runs %s", CLUSTER_FILE, node, port,
							node)
					.containsEntry("HOST", port);
			}
		}
		String brokers = "kafka:19092,kafka-2:19092,kafka-3:19092";
		for (String department : departments()) {
			assertThat(mapping(mapping(mapping(CLUSTER, "services", "the file"), department, "services"), "environment",
					department))
				.as("%s: %s should reach all three brokers", CLUSTER_FILE, department)
				.containsEntry("KAFKA_BOOTSTRAP_SERVERS", brokers);
		}
	}

	/**
	 * Kafka settings as the apache/kafka image's variables: KAFKA_MIN_INSYNC_REPLICAS.
	 */
	private static Map<String, String> variables(Map<String, String> settings) {
		Map<String, String> variables = new LinkedHashMap<>();
		settings.forEach((name, value) -> variables.put("KAFKA_" + name.toUpperCase().replace('.', '_'), value));
		return variables;
	}

	@Test
	void composePublishesKafkaOnTheSitePort() {
		String port = site("kafka.port");
		assertThat(publishedPorts("kafka"))
			.as(composeFact("kafka's published host and container port", "site.kafka.port"))
			.containsExactly(new Published(port, port));
		Map<String, String> environment = environment("kafka");
		assertThat(listenerPorts(environment, "KAFKA_LISTENERS"))
			.as(composeFact("the port of kafka's HOST listener in KAFKA_LISTENERS", "site.kafka.port"))
			.containsEntry("HOST", port);
		assertThat(listenerPorts(environment, "KAFKA_ADVERTISED_LISTENERS"))
			.as(composeFact("the port of kafka's HOST listener in KAFKA_ADVERTISED_LISTENERS", "site.kafka.port"))
			.containsEntry("HOST", port);
	}

	@Test
	void composeRunsKafkasControllerOnTheSiteControllerPort() {
		String port = site("kafka.controller-port");
		Map<String, String> environment = environment("kafka");
		String voters = required(environment, "KAFKA_CONTROLLER_QUORUM_VOTERS", "kafka's environment");
		assertThat(voters.substring(voters.lastIndexOf(':') + 1))
			.as(composeFact("the port in kafka's KAFKA_CONTROLLER_QUORUM_VOTERS (" + voters + ")",
					"site.kafka.controller-port"))
			.isEqualTo(port);
		String controller = required(environment, "KAFKA_CONTROLLER_LISTENER_NAMES", "kafka's environment");
		assertThat(listenerPorts(environment, "KAFKA_LISTENERS"))
			.as(composeFact("the port of kafka's " + controller + " listener in KAFKA_LISTENERS",
					"site.kafka.controller-port"))
			.containsEntry(controller, port);
	}

	@Test
	void composeRunsTheKafkaVersionOnTheClassPath() {
		assertThat(service("kafka").get("image"))
			.as("%s: kafka's image should be the version of the Kafka jars on the class path (the broker ./bakery runs)",
					COMPOSE_FILE)
			.isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
	}

	@Test
	void composePublishesPostgresOnTheSitePort() {
		String port = site("postgres.port");
		assertThat(publishedPorts("postgres"))
			.as(composeFact("postgres's published host and container port", "site.postgres.port"))
			.containsExactly(new Published(port, port));
	}

	@Test
	void composeGivesPostgresTheSiteUserAndPassword() {
		Map<String, String> postgres = environment("postgres");
		Map<String, String> departments = departmentEnvironment();
		for (String variable : List.of("POSTGRES_USER", "POSTGRES_PASSWORD")) {
			String key = "postgres." + variable.substring("POSTGRES_".length()).toLowerCase();
			assertThat(defaultOf(postgres, variable, "postgres's environment"))
				.as(composeFact("the default of postgres's " + variable, "site." + key))
				.isEqualTo(site(key));
			assertThat(defaultOf(departments, variable, "x-department-environment"))
				.as(composeFact("the default of x-department-environment's " + variable, "site." + key))
				.isEqualTo(site(key));
		}
	}

	@Test
	void composeTellsTheDepartmentsTheSitePostgresPort() {
		assertThat(departmentEnvironment().get("POSTGRES_PORT"))
			.as(composeFact("x-department-environment's POSTGRES_PORT", "site.postgres.port"))
			.isEqualTo(site("postgres.port"));
	}

	@Test
	void composeRunsEachDepartmentOnItsSitePort() {
		List<String> departments = departments();
		assertThat(departments).as("%s names the departments' ports (site.<service>.port)", SITE_FILE).isNotEmpty();
		for (String department : departments) {
			String fact = "site." + department + ".port";
			String port = SITE.getProperty(fact);
			assertThat(environment(department).get("SERVER_PORT")).as(composeFact(department + "'s SERVER_PORT", fact))
				.isEqualTo(port);
			List<Published> published = publishedPorts(department);
			assertThat(published).extracting(Published::container)
				.as(composeFact(department + "'s published container port", fact))
				.containsOnly(port);
			// A department may leave its host port to Docker (bakery-service does, so
			// that
			// it scales); a fixed one is the site's, where ./bakery runs the department.
			assertThat(published).extracting(Published::host)
				.as(composeFact(department + "'s published host port (unless left blank for Docker to choose)", fact))
				.isSubsetOf("", port);
		}
	}

	@Test
	void composeSendsTheBoardsOrdersToTheTillOnItsSitePort() {
		String url = required(environment("sales-service"), "BAKERY_BOARD_CHECKOUT_URL", "sales-service's environment");
		assertThat(url)
			.as(composeFact("the port in sales-service's BAKERY_BOARD_CHECKOUT_URL", "site.checkout-service.port"))
			.endsWith(":" + site("checkout-service.port"));
	}

	@Test
	void initSqlCreatesExactlyTheSiteDatabases() {
		List<String> created = new ArrayList<>();
		Matcher matcher = CREATE_DATABASE.matcher(read(INIT_SQL_FILE));
		while (matcher.find()) {
			created.add(matcher.group(1));
		}
		List<String> databases = siteKeys("").stream()
			.filter((key) -> key.endsWith(".database"))
			.map(SITE::getProperty)
			.toList();
		assertThat(databases).as("%s names the departments' databases (site.<service>.database)", SITE_FILE)
			.isNotEmpty();
		assertThat(created)
			.as("%s should create exactly the databases named by site.<service>.database in %s", INIT_SQL_FILE,
					SITE_FILE)
			.containsExactlyInAnyOrderElementsOf(databases);
	}

	private static String composeFact(String what, String siteKey) {
		return "%s: %s should be %s from %s".formatted(COMPOSE_FILE, what, siteKey, SITE_FILE);
	}

	private static String site(String key) {
		String value = SITE.getProperty("site." + key);
		assertThat(value).as("%s has site.%s", SITE_FILE, key).isNotBlank();
		return value;
	}

	/** The site's keys that start with {@code site.} and the given prefix, sorted. */
	private static List<String> siteKeys(String prefix) {
		return new TreeSet<>(SITE.stringPropertyNames()).stream()
			.filter((key) -> key.startsWith("site." + prefix))
			.toList();
	}

	/** The departments the site gives a port, e.g. {@code checkout-service}. */
	private static List<String> departments() {
		return siteKeys("").stream()
			.filter((key) -> key.endsWith("-service.port"))
			.map((key) -> key.substring("site.".length(), key.length() - ".port".length()))
			.toList();
	}

	private static Map<String, Object> service(String name) {
		return mapping(mapping(COMPOSE, "services", "the file"), name, "services");
	}

	/** A service's environment, values as strings (YAML reads {@code 12} as a number). */
	private static Map<String, String> environment(String service) {
		return strings(mapping(service(service), "environment", service), service + "'s environment");
	}

	private static Map<String, String> departmentEnvironment() {
		return strings(mapping(COMPOSE, "x-department-environment", "the file"), "x-department-environment");
	}

	private static List<Published> publishedPorts(String service) {
		Object ports = service(service).get("ports");
		if (!(ports instanceof List<?> list)) {
			return fail("%s: %s publishes no ports", COMPOSE_FILE, service);
		}
		return list.stream().map(String::valueOf).map(Published::parse).toList();
	}

	/** A Kafka listener list such as {@code HOST://:9092,CONTROLLER://localhost:9093}. */
	private static Map<String, String> listenerPorts(Map<String, String> environment, String variable) {
		Map<String, String> ports = new LinkedHashMap<>();
		for (String listener : required(environment, variable, "kafka's environment").split(",")) {
			String name = listener.substring(0, listener.indexOf("://"));
			ports.put(name.trim(), listener.substring(listener.lastIndexOf(':') + 1).trim());
		}
		return ports;
	}

	/** The default in a value like {@code ${POSTGRES_USER:-bakery}}. */
	private static String defaultOf(Map<String, String> environment, String variable, String where) {
		String value = required(environment, variable, where);
		Matcher matcher = DEFAULTED.matcher(value);
		if (!matcher.matches() || !matcher.group(1).equals(variable)) {
			return fail("%s: %s's %s should be ${%s:-<default>}, is %s", COMPOSE_FILE, where, variable, variable,
					value);
		}
		return matcher.group(2);
	}

	private static String required(Map<String, String> environment, String variable, String where) {
		String value = environment.get(variable);
		if (value == null) {
			return fail("%s: %s has no %s", COMPOSE_FILE, where, variable);
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mapping(Map<String, Object> parent, String key, String where) {
		Object value = parent.get(key);
		if (!(value instanceof Map)) {
			return fail("%s: %s has no %s", COMPOSE_FILE, where, key);
		}
		return (Map<String, Object>) value;
	}

	private static Map<String, String> strings(Map<String, Object> mapping, String where) {
		Map<String, String> strings = new LinkedHashMap<>();
		mapping.forEach((key, value) -> strings.put(key, (value != null) ? String.valueOf(value) : null));
		return strings;
	}

	private static Path repositoryRoot() {
		// Maven runs the tests in bakery-launcher/; an IDE may run them elsewhere.
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve(COMPOSE_FILE))
					&& Files.isRegularFile(directory.resolve(SITE_FILE))) {
				return directory;
			}
		}
		throw new IllegalStateException(
				"No directory above " + Path.of("").toAbsolutePath() + " has " + COMPOSE_FILE + " and " + SITE_FILE);
	}

	private static Properties site() {
		// From the class path, as ./bakery and the services read it.
		Properties site = new Properties();
		try (InputStream in = SiteAgreementTests.class.getResourceAsStream("/bakery-site.properties")) {
			assertThat(in).as("bakery-site.properties on the class path (it comes with bakery-events)").isNotNull();
			site.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return site;
	}

	private static Map<String, Object> compose(String file) {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve(file))) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(ROOT.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One entry of a service's {@code ports}, such as {@code 127.0.0.1:9092:9092}.
	 *
	 * @param host the port on the host, blank when Docker chooses a free one
	 * @param container the port inside the container
	 */
	record Published(String host, String container) {

		static Published parse(String ports) {
			String[] parts = ports.split(":", -1);
			return new Published((parts.length > 1) ? parts[parts.length - 2] : "", parts[parts.length - 1]);
		}

	}

}
