package dev.bakery.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./bakery}: runs the whole bakery on this machine, without Docker. It starts a
 * real Apache Kafka broker (KRaft mode), a real PostgreSQL server (one database per
 * department) and the four departments as separate processes, on the same addresses as
 * {@code docker compose up}, so that every command in the docs works with both.
 * <p>
 * The shims ({@code ./bakery} on Linux and macOS, {@code bakery.cmd} on Windows) build
 * this jar when needed and run it in the repository's root. Exit status: 0 done, 1 failed
 * (the message says why), 2 unknown command, {@value Build#NEEDED} the jars must be built
 * first (the shim does, and runs it again).
 */
public final class Bakery {

	private Bakery() {
	}

	public static void main(String[] args) {
		Terminal terminal = Terminal.system();
		Site site = Site.load();
		Command command;
		try {
			command = Command.parse(site, Arrays.asList(args));
		}
		catch (Command.Usage ex) {
			if (ex.getMessage() == null) {
				terminal.err().print(Command.HELP);
				System.exit(2);
			}
			terminal.error(ex.getMessage());
			System.exit(1);
			return;
		}
		System.exit(run(command, site, terminal));
	}

	private static int run(Command command, Site site, Terminal terminal) {
		if (command instanceof Command.Help) {
			terminal.print(Command.HELP);
			return 0;
		}
		if (command instanceof Command.KafkaTool tool) {
			return kafkaTool(tool.withBootstrapServers(runningBrokers().bootstrapServers(site)), terminal);
		}
		if (command instanceof Command.Bench bench) {
			try {
				return new Bench(site, runningBrokers().bootstrapServers(site), root().resolve("docs/performance"),
						terminal, System.getenv())
					.run(bench) ? 0 : 1;
			}
			catch (Failure ex) {
				terminal.error(ex.getMessage());
				return 1;
			}
		}
		Launcher launcher;
		try {
			launcher = new Launcher(root(), site, Platform.current(), terminal, Settings.from(System.getenv()),
					version());
		}
		catch (Platform.UnsupportedPlatform | Failure ex) {
			terminal.error(ex.getMessage());
			return 1;
		}
		try {
			if (command instanceof Command.Up up) {
				up(launcher, up, terminal);
			}
			else if (command instanceof Command.Start start) {
				launcher.start(start.name());
			}
			else if (command instanceof Command.Stop stop) {
				launcher.stop(stop.name());
			}
			else if (command instanceof Command.Status) {
				launcher.printStatus();
			}
			else if (command instanceof Command.Down) {
				launcher.down();
			}
			else if (command instanceof Command.Lab lab) {
				if (lab.name().equals("brokers")) {
					return new BrokersLab(launcher, site, terminal, System.getenv()).run() ? 0 : 1;
				}
				new ScalingLab(launcher, site, terminal, System.getenv()).run();
			}
			else if (command instanceof Command.Logs logs) {
				new Follow(launcher.workspace().logs(), terminal.out())
					.follow(logs.name().map(ProcessName::toString).orElse(null));
			}
			return 0;
		}
		catch (Launcher.BuildNeeded ex) {
			terminal.say(ex.getMessage());
			return Build.NEEDED;
		}
		catch (Failure ex) {
			terminal.error(ex.getMessage());
			return 1;
		}
		catch (java.io.IOException ex) {
			terminal.error(ex.toString());
			return 1;
		}
	}

	/**
	 * Ctrl-C (SIGINT), {@code ./bakery down} (SIGTERM) and a closing terminal (SIGHUP)
	 * end this JVM through its shutdown hooks: this one closes the bakery in order and
	 * then ends with the status of a clean close, 0, or 1 if the bakery could not open.
	 */
	private static void up(Launcher launcher, Command.Up command, Terminal terminal) {
		int[] status = { 0 };
		Thread close = new Thread(() -> {
			launcher.close();
			System.out.flush();
			Runtime.getRuntime().halt(status[0]);
		}, "close-the-bakery");
		boolean[] opening = { false };
		try {
			// Returns only after a --chaos run of a given duration: then the bakery
			// closes.
			status[0] = launcher.up(command, () -> {
				Runtime.getRuntime().addShutdownHook(close);
				opening[0] = true;
			});
			System.exit(status[0]);
		}
		catch (RuntimeException ex) {
			if (!opening[0]) {
				throw ex;
			}
			// Could not open: say why, and close what did start (the hook, on exit).
			status[0] = 1;
			terminal.error(ex instanceof Failure ? ex.getMessage() : ex.toString());
			System.exit(1);
		}
	}

	/**
	 * Runs one of Kafka's command-line tools in this JVM, as its bin/kafka-*.sh script
	 * would.
	 */
	private static int kafkaTool(Command.KafkaTool tool, Terminal terminal) {
		try {
			Method main = Class.forName(tool.mainClass()).getMethod("main", String[].class);
			main.invoke(null, (Object) tool.arguments().toArray(String[]::new));
			return 0;
		}
		catch (InvocationTargetException ex) {
			terminal.error(String.valueOf(ex.getCause()));
			return 1;
		}
		catch (ReflectiveOperationException ex) {
			terminal.error("Kafka's tools are not on the launcher's class path: " + ex);
			return 1;
		}
	}

	/** The brokers of the open bakery; one when none is open. */
	private static Brokers runningBrokers() {
		Settings settings = Settings.from(System.getenv());
		try {
			return settings.orSaved(new Workspace(root().resolve(".bakery")).settings()).brokers();
		}
		catch (Failure ex) {
			return settings.brokers();
		}
	}

	/** The repository's root: where the shim runs this, or above the launcher's jar. */
	private static Path root() {
		Path here = Path.of("").toAbsolutePath();
		for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
			if (Files.exists(candidate.resolve("bakery-launcher/pom.xml"))) {
				return candidate;
			}
		}
		throw new Failure("run ./bakery in the repository's root (no bakery-launcher/pom.xml in " + here + ")");
	}

	private static String version() {
		String version = Bakery.class.getPackage().getImplementationVersion();
		if (version == null) {
			throw new Failure("run the launcher from its jar (bakery-launcher/target/bakery-launcher.jar)");
		}
		return version;
	}

}
