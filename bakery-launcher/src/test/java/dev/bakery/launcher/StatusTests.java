package dev.bakery.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./bakery status} reports: a process of this bakery is running only while it
 * lives and its port answers, and one that died by itself is said to have, not silently
 * shown as stopped. Real processes and real ports, on free ports of their own.
 */
class StatusTests {

	@TempDir
	Path root;

	private Site site;

	private Launcher launcher;

	private Workspace workspace;

	@BeforeEach
	void openAnEmptyBakery() throws IOException {
		Properties facts = new Properties();
		facts.putAll(
				Map.of("site.kafka.port", freePort(), "site.kafka.controller-port", freePort(), "site.postgres.port",
						freePort(), "site.bakery-service.port", freePort(), "site.bakery-service.database", "bakery"));
		this.site = new Site(facts);
		Terminal terminal = new Terminal(new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()), false);
		this.launcher = new Launcher(this.root, this.site, Platform.current(), terminal, Settings.from(Map.of()),
				"0.0.0");
		this.workspace = this.launcher.workspace();
	}

	@Test
	void nothingStartedIsStopped() {
		assertThat(this.launcher.status()).extracting(Launcher.Row::name, Launcher.Row::pid, Launcher.Row::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("kafka", "-", "stopped"),
					org.assertj.core.groups.Tuple.tuple("postgres", "-", "stopped"),
					org.assertj.core.groups.Tuple.tuple("bakery-service", "-", "stopped"));
	}

	@Test
	void aChildThatDiedIsReportedAsStoppedByItself() throws Exception {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-version")
			.start();
		this.workspace.remember("bakery-service", child.toHandle());
		assertThat(child.waitFor()).isZero();

		assertThat(row("bakery-service").pid()).isEqualTo("-");
		assertThat(row("bakery-service").state())
			.isEqualTo("stopped by itself (crashed? see .bakery/logs/bakery-service.log)");
	}

	@Test
	void aLiveProcessIsRunningOnlyOnceItsPortAnswers() throws IOException {
		this.workspace.remember(Site.KAFKA, ProcessHandle.current());
		assertThat(row(Site.KAFKA).state()).isEqualTo("starting (or unhealthy)");
		assertThat(row(Site.KAFKA).pid()).isEqualTo(Long.toString(ProcessHandle.current().pid()));

		try (ServerSocket port = new ServerSocket(this.site.port(Site.KAFKA))) {
			assertThat(row(Site.KAFKA).state()).isEqualTo("running");
		}
	}

	@Test
	void aPortAnsweredByAnotherProgramIsNotTakenForTheBakerys() throws IOException {
		try (ServerSocket port = new ServerSocket(this.site.port(Site.POSTGRES))) {
			assertThat(row(Site.POSTGRES).state())
				.isEqualTo("stopped (port " + this.site.port(Site.POSTGRES) + " is in use by another program)");
		}
	}

	@Test
	void aProcessIdTheSystemHasGivenToAnotherProgramIsNotTheBakerys() {
		// The pid file of a process that started long before this one did: the pid is
		// this JVM's, the start time is not.
		Workspace.write(this.workspace.run().resolve("kafka.pid"), ProcessHandle.current().pid() + " 1000");
		assertThat(this.launcher.isRunning(ProcessName.of(Site.KAFKA))).isFalse();
	}

	@Test
	void extraInstancesAreListedOnTheirOwnPorts() {
		this.workspace.remember("bakery-service-2", ProcessHandle.current());
		assertThat(row("bakery-service-2").port()).isEqualTo(this.site.port("bakery-service") + 10);
		assertThat(row("bakery-service-2").state()).isEqualTo("starting (or unhealthy)");
	}

	private Launcher.Row row(String name) {
		return this.launcher.status().stream().filter((row) -> row.name().equals(name)).findFirst().orElseThrow();
	}

	private static String freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return Integer.toString(socket.getLocalPort());
		}
	}

}
