package dev.bakery.runtime;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class BakeryTests {

	private static final List<String> said = new ArrayList<>();

	private static Bakery bakery;

	@BeforeAll
	static void openKafkaAndPostgres() {
		Workspace workspace = new Workspace(Path.of("target", "bakery"));
		// What an earlier run that was never closed leaves: its settings.
		workspace.createDirectories();
		Settings.from(Map.of("BAKERY_BROKERS", "3")).save(workspace.run().resolve("settings.properties"));
		bakery = new Bakery(Path.of(".."), Site.file().withFreePorts(), workspace, Settings.from(Map.of()), said::add);
		bakery.openInfrastructure();
	}

	@AfterAll
	static void close() {
		bakery.close();
	}

	@Test
	void runsOneRealBrokerThatComesBackAtTheSameAddressWithItsDataAfterAKillDashNine() throws Exception {
		String address = bakery.bootstrapServers();
		try (Admin admin = admin(address)) {
			admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept", 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}

		assertThat(bakery.kill(Part.of(Part.KAFKA))).isTrue();
		assertThat(bakery.isRunning(Part.of(Part.KAFKA))).isFalse();
		assertThat(bakery.workspace().diedDeliberately(Part.of(Part.KAFKA))).as("killed on purpose").isTrue();
		bakery.start(Part.of(Part.KAFKA));
		assertThat(bakery.workspace().diedDeliberately(Part.of(Part.KAFKA))).as("forgotten at the next start")
			.isFalse();

		try (Admin admin = admin(address)) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
		}
		assertThat(said).anyMatch((line) -> line.startsWith("Starting kafka"));
	}

	@Test
	void runsADurablePostgresqlWhereTheSitesUserOwnsADatabasePerDepartment() throws Exception {
		Site site = bakery.site();
		for (Department department : Department.values()) {
			try (Connection connection = DriverManager.getConnection(bakery.jdbcUrl(department), site.postgresUser(),
					site.postgresPassword()); ResultSet result = connection.createStatement().executeQuery("""
							SELECT current_setting('server_version'), current_setting('fsync'),
							       current_setting('synchronous_commit'), pg_get_userbyid(datdba)
							FROM pg_database WHERE datname = current_database()""")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).startsWith("17");
				assertThat(result.getString(2)).isEqualTo("on");
				assertThat(result.getString(3)).isEqualTo("on");
				assertThat(result.getString(4)).isEqualTo(site.postgresUser());
			}
		}
	}

	@Test
	void bringsPostgresqlBackWithItsDataAfterAKillDashNineAndAfterAStop() throws Exception {
		String url = bakery.jdbcUrl(Department.SALES);
		Site site = bakery.site();
		try (Connection connection = DriverManager.getConnection(url, site.postgresUser(), site.postgresPassword())) {
			connection.createStatement()
				.execute("CREATE TABLE IF NOT EXISTS kept (n int); INSERT INTO kept VALUES (1)");
		}

		assertThat(bakery.kill(Part.POSTGRESQL)).isTrue();
		bakery.start(Part.POSTGRESQL);
		bakery.stop(Part.POSTGRESQL);
		assertThat(bakery.isServing(Part.POSTGRESQL)).isFalse();
		bakery.start(Part.POSTGRESQL);

		try (Connection connection = DriverManager.getConnection(url, site.postgresUser(), site.postgresPassword());
				ResultSet result = connection.createStatement().executeQuery("SELECT count(*) FROM kept")) {
			result.next();
			assertThat(result.getInt(1)).isPositive();
		}
	}

	@Test
	void opensZipkinWhichTakesSpansAndShowsTheirTrace() throws Exception {
		String trace = "%032x".formatted(System.nanoTime());
		String span = """
				[{"traceId": "%s", "id": "00f067aa0ba902b7", "name": "http post /orders", "kind": "SERVER",
				  "timestamp": %d, "duration": 1200, "localEndpoint": {"serviceName": "checkout-service"}}]
				""".formatted(trace, System.currentTimeMillis() * 1000);
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> taken = http.send(HttpRequest.newBuilder(bakery.zipkin().resolve("/api/v2/spans"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(span))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(taken.statusCode()).isEqualTo(202);
		assertThat(bakery.isServing(Part.of(Part.ZIPKIN))).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(http
				.send(HttpRequest.newBuilder(bakery.zipkin().resolve("/api/v2/trace/" + trace)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"name\":\"http post /orders\"", "\"serviceName\":\"checkout-service\""));
	}

	@Test
	void runsTheBrokerWithTheCompilerTheDepartmentsRunWith() throws IOException {
		assertThat(Settings.from(Map.of("BAKERY_JAVA_OPTS", "-Xmx384m")).compilerOptions()).isEmpty();
		assertThat(bakery.settings().compilerOptions()).containsExactly("-XX:TieredStopAtLevel=1");
		// ProcessHandle.Info has no arguments for a command line as long as the broker's
		// class path: read Linux's own record of it.
		long broker = bakery.workspace().running(Part.of(Part.KAFKA)).orElseThrow().pid();
		assertThat(Files.readString(Path.of("/proc", Long.toString(broker), "cmdline")).split("\0"))
			.contains("-XX:TieredStopAtLevel=1");
	}

	@Test
	void opensWithTheSettingsItIsGivenNotThoseAnEarlierRunLeft() {
		assertThat(bakery.brokers()).isEqualTo(Brokers.ONE);
		assertThat(bakery.workspace().known()).containsExactlyInAnyOrder(Part.of(Part.KAFKA), Part.POSTGRESQL,
				Part.of(Part.ZIPKIN));
	}

	@Test
	void refusesToOpenWhileItsPartsRunOrAnotherProgramHoldsAPort() {
		assertThatExceptionOfType(BakeryFailure.class)
			.isThrownBy(() -> new Bakery(Path.of(".."), bakery.site(), bakery.workspace(), Settings.from(Map.of()),
					said::add)
				.ensureCanOpen())
			.withMessageStartingWith("parts of an earlier run are still running");
		assertThatExceptionOfType(BakeryFailure.class)
			.isThrownBy(() -> new Bakery(Path.of(".."), bakery.site(), new Workspace(Path.of("target", "elsewhere")),
					Settings.from(Map.of()), said::add)
				.ensureCanOpen())
			.withMessageStartingWith("port " + bakery.port(Part.of(Part.KAFKA)) + " (for kafka) is in use");
	}

	@Test
	void closingDeletesTheDataUnlessTheSettingsKeepIt() {
		for (boolean keep : new boolean[] { true, false }) {
			Workspace workspace = new Workspace(Path.of("target", "closing-" + keep));
			workspace.createDirectories();
			Workspace.write(workspace.data().resolve("brokers"), "1");
			Settings settings = keep ? Settings.from(Map.of()).keepingData() : Settings.from(Map.of());

			new Bakery(Path.of(".."), Site.file().withFreePorts(), workspace, settings, said::add).close();

			assertThat(Files.exists(workspace.data().resolve("brokers"))).as("data kept with --keep-data " + keep)
				.isEqualTo(keep);
			assertThat(workspace.run()).doesNotExist();
		}
	}

	@Test
	void refusesToStartAPartThatIsNotOfThisBakery() {
		assertThatExceptionOfType(BakeryFailure.class).isThrownBy(() -> bakery.start(new Part(Part.KAFKA, 2)))
			.withMessageContaining("--brokers 3");
	}

	private static Admin admin(String address) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
	}

}
