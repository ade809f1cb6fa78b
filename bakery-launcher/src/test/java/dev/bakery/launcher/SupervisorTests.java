package dev.bakery.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./bakery up}'s supervisor closes the bakery itself, in order and the same way,
 * whoever asks: SIGINT (Ctrl-C), SIGTERM, SIGHUP or {@code ./bakery down} in another
 * process; and {@code ./bakery down} closes what a supervisor that is gone left running.
 * Each test opens real Kafka and PostgreSQL under a supervisor in a JVM of its own
 * ({@link SupervisedBakery}), on free ports.
 */
class SupervisorTests {

	private static final Duration OPENING = Duration.ofMinutes(3);

	private static final Duration CLOSING = Duration.ofMinutes(2);

	/** One for the class: PostgreSQL's binaries are unpacked once, into its cache. */
	@TempDir
	static Path root;

	private final Map<String, String> environment = new HashMap<>(Site.file().withFreePorts().facts());

	/** What the commands run in this JVM answer. */
	private final ByteArrayOutputStream answered = new ByteArrayOutputStream();

	private Home home;

	private Process supervisor;

	private Path output;

	@BeforeEach
	void aHome() {
		// Kafka and PostgreSQL are what these tests supervise; Zipkin would add a process
		// and nothing to learn.
		this.environment.put("BAKERY_TRACES", "false");
		this.home = new Home(root, this.environment,
				new Terminal(new PrintStream(this.answered, true), new PrintStream(this.answered, true), false));
		this.output = root.resolve("up.out");
	}

	@AfterEach
	void closeWhateverIsLeft() {
		this.supervisor.destroyForcibly();
		this.home.bakery().close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INT", "TERM", "HUP" })
	@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "Windows has no such signals")
	void closesTheBakeryItselfOnASignal(String signal) throws Exception {
		List<ProcessHandle> parts = supervise(Part.POSTGRES, Part.POSTGRESQL);

		new ProcessBuilder("kill", "-s", signal, Long.toString(this.supervisor.pid())).inheritIO().start().waitFor();

		assertClosed(parts);
	}

	@Test
	void closesTheBakeryItselfWhenDownAsksFromAnotherProcess() {
		List<ProcessHandle> parts = supervise(Part.POSTGRES, Part.POSTGRESQL);

		assertThat(run("down")).isZero();

		assertClosed(parts);
		assertThat(answered()).isEqualTo("bakery: The bakery is closed.\n");
	}

	@Test
	void saysWhenAPartStopsByItselfAndDownClosesWhatASupervisorThatIsGoneLeftRunning() {
		List<ProcessHandle> parts = supervise("infrastructure", Part.of(Part.KAFKA), Part.POSTGRESQL);
		Bakery bakery = this.home.bakery();
		assertThat(StatusCommand.row(bakery, Part.of(Part.KAFKA)).state()).isEqualTo("running");
		assertThat(StatusCommand.row(bakery, Part.POSTGRESQL).state()).isEqualTo("running");

		parts.get(0).destroyForcibly();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> supervisorSaid().contains("bakery: kafka has stopped by itself; see .bakery/logs/kafka.log "
					+ "(./bakery start kafka starts it again)"));
		assertThat(StatusCommand.row(bakery, Part.of(Part.KAFKA)).state())
			.isEqualTo("stopped by itself (crashed? see .bakery/logs/kafka.log)");

		this.supervisor.destroyForcibly();
		await().atMost(CLOSING).until(() -> !this.supervisor.isAlive());
		assertThat(parts.get(1).isAlive()).isTrue();

		assertThat(run("down")).isZero();

		assertThat(answered()).isEqualTo("bakery: Closing the bakery ...\n"
				+ "bakery: The bakery is closed: nothing left running. Logs: .bakery/logs/\n");
		assertThat(parts).noneMatch(ProcessHandle::isAlive);
		assertNothingLeft();
	}

	/**
	 * Opens the parts under a supervisor in a JVM of its own.
	 * @return their processes, as the workspace knows them
	 */
	private List<ProcessHandle> supervise(String what, Part... parts) {
		List<String> command = new ArrayList<>(signalsAsInATerminal());
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
				System.getProperty("java.class.path"), SupervisedBakery.class.getName(), root.toString(), what));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.output.toFile());
		builder.environment().putAll(this.environment);
		try {
			this.supervisor = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(OPENING)
			.until(() -> supervisorSaid().contains(SupervisedBakery.OPEN) || !this.supervisor.isAlive());
		assertThat(supervisorSaid()).contains(SupervisedBakery.OPEN);
		Bakery bakery = this.home.bakery();
		return Stream.of(parts).map((part) -> bakery.workspace().running(part).orElseThrow()).toList();
	}

	private void assertClosed(List<ProcessHandle> parts) {
		await().atMost(CLOSING).until(() -> !this.supervisor.isAlive());
		assertThat(this.supervisor.exitValue()).as(supervisorSaid()).isZero();
		assertThat(supervisorSaid()).contains("bakery: Closing the bakery ...",
				"bakery: The bakery is closed: nothing left running. Logs: .bakery/logs/");
		assertThat(parts).noneMatch(ProcessHandle::isAlive);
		assertNothingLeft();
	}

	private void assertNothingLeft() {
		Bakery bakery = this.home.bakery();
		assertThat(bakery.workspace().known()).isEmpty();
		assertThat(bakery.workspace().supervisor()).isEmpty();
		assertThat(List.of(Part.of(Part.KAFKA), Part.of(Part.CONTROLLER), Part.POSTGRESQL))
			.noneMatch((part) -> Bakery.portOpen(bakery.port(part)));
		assertThat(bakery.workspace().data()).doesNotExist();
	}

	private String answered() {
		return this.answered.toString(StandardCharsets.UTF_8);
	}

	private int run(String... arguments) {
		return BakeryCommand.commandLine(this.home).execute(arguments);
	}

	private String supervisorSaid() {
		try {
			return Files.exists(this.output) ? Files.readString(this.output, StandardCharsets.ISO_8859_1) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whoever started this JVM may have left SIGINT or SIGHUP ignored (a script's
	 * background job, nohup), and the supervisor would inherit that: the {@code ./bakery}
	 * shim resets SIGINT the same way.
	 */
	private static List<String> signalsAsInATerminal() {
		if (OS.current() == OS.WINDOWS) {
			return List.of();
		}
		try {
			if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
				return List.of("env", "--default-signal=INT,HUP");
			}
		}
		catch (IOException | InterruptedException ex) {
			// No GNU env: perl below.
		}
		return List.of("perl", "-e", "$SIG{INT} = $SIG{HUP} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die", "--");
	}

}
