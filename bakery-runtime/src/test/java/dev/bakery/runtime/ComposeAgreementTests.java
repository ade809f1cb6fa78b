package dev.bakery.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker compose could still run differently from this runtime, the site's facts
 * being one file both read ({@code .env}): another Kafka than the jars', another Zipkin
 * than {@link Zipkin}'s, other replication than {@link Brokers#replication} derives for
 * one broker or three, Prometheus scraping other ports than the departments and the board
 * listen on (its configuration cannot read {@code .env}), and a Connect worker of other
 * settings.
 */
class ComposeAgreementTests {

	private static final Path ROOT = Path.of("..");

	/** {@code ${NAME}} or {@code ${NAME:-default}}, as compose substitutes it. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

	private final Site site = Site.file();

	@Test
	void composeRunsTheKafkaOfTheJars() throws IOException {
		String images = Files.readString(ROOT.resolve("docker-compose.yml"))
				+ Files.readString(ROOT.resolve("docker-compose.cluster.yml"));
		assertThat(Pattern.compile("image: apache/kafka:(\\S+)").matcher(images).results().map((tag) -> tag.group(1)))
			.isNotEmpty()
			.containsOnly(AppInfoParser.getVersion());
	}

	@Test
	void composeRunsTheZipkinOfTheRuntime() throws IOException {
		String version;
		try (ZipFile jar = new ZipFile(ROOT.resolve(Zipkin.JAR).toFile())) {
			// Its own classes are not versioned; the zipkin library it is built on is.
			version = jar.stream()
				.map((entry) -> Pattern.compile("BOOT-INF/lib/zipkin-([0-9.]+)\\.jar").matcher(entry.getName()))
				.filter(Matcher::matches)
				.map((library) -> library.group(1))
				.findFirst()
				.orElseThrow();
		}
		assertThat(Pattern.compile("image: openzipkin/zipkin:(\\S+)")
			.matcher(Files.readString(ROOT.resolve("docker-compose.yml")))
			.results()
			.map((tag) -> tag.group(1))).containsExactly(version);
	}

	@Test
	void composeGivesOneBrokerAndThreeTheReplicationTheRuntimeDerives() {
		assertThat(environment("docker-compose.yml", "kafka"))
			.containsAllEntriesOf(variables(Brokers.ONE.replication(this.site)));
		for (String node : List.of("kafka-controller", "kafka", "kafka-2", "kafka-3")) {
			assertThat(environment("docker-compose.cluster.yml", node)).as(node)
				.containsAllEntriesOf(variables(Brokers.THREE.replication(this.site)));
		}
	}

	@Test
	void prometheusScrapesEveryDepartmentAndTheBoardWhereTheSiteSaysTheyListen() throws IOException {
		String config = Files.readString(ROOT.resolve("docker/prometheus/prometheus.yml"));
		for (Department department : Department.values()) {
			String target = (department == Department.BAKEHOUSE) ? "port: " + this.site.port(department)
					: "\"" + department.module() + ":" + this.site.port(department) + "\"";
			assertThat(config).as(department.module()).contains(target);
		}
		assertThat(config).contains("names: [\"" + Department.BAKEHOUSE.module() + "\"]",
				"\"" + Part.BOARD + ":" + this.site.boardPort() + "\"");
	}

	/**
	 * The worker of docker-compose.connect.yml ({@code docker/connect/start.sh}) runs
	 * with the settings of {@link ConnectWorker}, but for where it listens and finds its
	 * brokers and plugins.
	 */
	@Test
	void composeRunsTheConnectWorkerAsTheRuntimeDoes() throws IOException {
		Set<String> placeOfTheWorker = Set.of("bootstrap.servers", "listeners", "rest.advertised.host.name",
				"rest.advertised.port", "plugin.path");
		String script = Files.readString(ROOT.resolve("docker/connect/start.sh"));
		String properties = script.substring(script.indexOf("<<PROPERTIES") + "<<PROPERTIES".length(),
				script.indexOf("\nPROPERTIES\n"));
		ConnectWorker worker = new ConnectWorker(ROOT, this.site, new Workspace(Path.of("target", "compose")), null);

		assertThat(settings(properties, placeOfTheWorker))
			.isEqualTo(settings(worker.workerProperties(Brokers.ONE), placeOfTheWorker));
	}

	private static Map<String, String> settings(String properties, Set<String> leftOut) {
		Map<String, String> settings = new TreeMap<>();
		properties.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach((line) -> {
				String name = line.substring(0, line.indexOf('='));
				if (!leftOut.contains(name)) {
					settings.put(name, line.substring(line.indexOf('=') + 1));
				}
			});
		return settings;
	}

	/**
	 * Kafka's settings as the apache/kafka image takes them:
	 * {@code KAFKA_MIN_INSYNC_REPLICAS}.
	 */
	private static Map<String, String> variables(Map<String, String> settings) {
		Map<String, String> variables = new TreeMap<>();
		settings
			.forEach((name, value) -> variables.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
		return variables;
	}

	/**
	 * A service's environment as compose gives it, its variables substituted from .env.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, String> environment(String file, String service) {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(ROOT.resolve(file))) {
			compose = new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(service))
			.get("environment");
		Map<String, String> values = new TreeMap<>();
		environment.forEach((name, value) -> values.put(name, substituted(String.valueOf(value))));
		return values;
	}

	private String substituted(String value) {
		Matcher variable = VARIABLE.matcher(value);
		return variable.replaceAll((match) -> Matcher.quoteReplacement(
				this.site.facts().getOrDefault(match.group(1), (match.group(2) != null) ? match.group(2) : "")));
	}

}
