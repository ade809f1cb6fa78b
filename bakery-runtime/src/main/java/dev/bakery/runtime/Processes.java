package dev.bakery.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the bakery's processes, each writing into its own log, and ends them: politely
 * (SIGTERM, on which Spring Boot, Kafka and PostgreSQL all shut down cleanly), by force
 * when that takes too long, or at once as {@code kill -9}.
 * <p>
 * On Linux and macOS a process starts with Ctrl-C (SIGINT) and a closing terminal
 * (SIGHUP) ignored (a {@code /bin/sh} that ignores them execs Java, which keeps them
 * ignored): only the supervisor hears Ctrl-C, and closes the parts in order, departments
 * first, while Kafka and PostgreSQL still serve them. Windows has neither signals nor
 * {@code /bin/sh}; there a stop ends a process at once (README, "Run without Docker").
 */
final class Processes {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase().startsWith("windows");

	private final Workspace workspace;

	Processes(Workspace workspace) {
		this.workspace = workspace;
	}

	/** The java of this JVM, for the processes it starts. */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java").toString();
	}

	/**
	 * Starts a process whose output is appended to its log, after a line that marks the
	 * start.
	 */
	ProcessHandle launch(Part part, List<String> command, Map<String, String> environment) {
		Path log = startLog(part);
		ProcessBuilder builder = new ProcessBuilder(shielded(command));
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			this.workspace.remember(part, process.toHandle());
			return process.toHandle();
		}
		catch (IOException ex) {
			throw new BakeryFailure("could not start " + part + ": " + ex.getMessage());
		}
	}

	Path startLog(Part part) {
		Path log = this.workspace.log(part);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "%n=== %s: starting %s ===%n".formatted(LocalDateTime.now().format(STAMP), part),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return log;
	}

	/**
	 * SIGTERM, and SIGKILL after the timeout. The pid file goes first, so that the
	 * supervisor does not take the stop for a crash.
	 */
	void stop(Part part, Duration timeout) {
		Optional<ProcessHandle> running = this.workspace.running(part);
		this.workspace.forget(part);
		running.ifPresent((process) -> end(process, timeout));
	}

	static void end(ProcessHandle process, Duration timeout) {
		process.destroy();
		if (!exited(process, timeout)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			exited(process, Duration.ofSeconds(10));
		}
	}

	/**
	 * SIGKILL, as {@code kill -9}: no shutdown hook, no goodbye. Its pid file stays, as
	 * after a crash.
	 */
	boolean kill(Part part) {
		Optional<ProcessHandle> process = this.workspace.running(part);
		process.ifPresent((running) -> {
			running.destroyForcibly();
			exited(running, Duration.ofSeconds(10));
		});
		return process.isPresent();
	}

	static boolean exited(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private static List<String> shielded(List<String> command) {
		if (WINDOWS) {
			return command;
		}
		List<String> shielded = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\"", "sh"));
		shielded.addAll(command);
		return shielded;
	}

}
