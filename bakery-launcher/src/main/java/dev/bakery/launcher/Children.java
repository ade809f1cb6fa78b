package dev.bakery.launcher;

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
 * Starts the bakery's processes, each writing to its own log, and stops them: politely
 * first (SIGTERM, on which Spring Boot, Kafka and PostgreSQL all shut down cleanly), by
 * force if that takes too long.
 * <p>
 * On Linux and macOS a process is started with Ctrl-C (SIGINT) and a closing terminal
 * (SIGHUP) ignored, so that Ctrl-C reaches only {@code ./bakery up}, which then closes
 * everything in order: departments first, while Kafka and PostgreSQL still serve them.
 * The JVM keeps a signal that it started with ignored, and a {@code /bin/sh} that ignores
 * them before it execs Java is how to start it so. Windows has neither signals nor
 * {@code /bin/sh}: there Ctrl-C reaches every process at once, and a stop ends a process
 * at once (what that means for the orders in progress: README, "Run without Docker").
 */
final class Children {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Platform platform;

	private final Workspace workspace;

	private final Terminal terminal;

	Children(Platform platform, Workspace workspace, Terminal terminal) {
		this.platform = platform;
		this.workspace = workspace;
		this.terminal = terminal;
	}

	/**
	 * Starts a process whose output goes to its log (appended: a restart continues it,
	 * after {@link #startLog}).
	 */
	ProcessHandle launch(ProcessName name, List<String> command, Map<String, String> environment) {
		Path log = this.workspace.log(name.toString());
		ProcessBuilder builder = new ProcessBuilder(shielded(command));
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			this.workspace.remember(name.toString(), process.toHandle());
			return process.toHandle();
		}
		catch (IOException ex) {
			throw new Failure("could not start " + name + ": " + ex.getMessage());
		}
	}

	/** Runs a command to its end, its output appended to a log; true if it succeeded. */
	boolean run(List<String> command, Path log, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new Failure("could not run " + command.get(0) + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Marks a new start in a log, and says where it begins. */
	Path startLog(String name) {
		Path log = this.workspace.log(name);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "%n=== %s: starting %s ===%n".formatted(LocalDateTime.now().format(STAMP), name),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return log;
	}

	/**
	 * Stops a process: its pid file goes first, so that {@code ./bakery up} does not
	 * report the stop as a crash. Then SIGTERM, and after the timeout SIGKILL.
	 */
	void stop(ProcessName name, Duration timeout) {
		Optional<ProcessHandle> running = this.workspace.running(name.toString());
		this.workspace.forget(name.toString());
		running.ifPresent((process) -> stop(name.toString(), process, timeout));
	}

	void stop(String name, ProcessHandle process, Duration timeout) {
		process.destroy();
		if (!exited(process, timeout)) {
			this.terminal.say(name + " did not stop within " + timeout.toSeconds() + "s; killing it");
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			exited(process, Duration.ofSeconds(10));
		}
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

	private List<String> shielded(List<String> command) {
		if (this.platform.windows()) {
			return command;
		}
		List<String> shielded = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\"", "sh"));
		shielded.addAll(command);
		return shielded;
	}

}
