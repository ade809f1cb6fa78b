package dev.bakery.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.bakery.runtime.BakeryFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./bakery}: runs the whole bakery on this machine, without Docker, on the same
 * addresses as {@code docker compose up}, so that every command in the docs works with
 * both. The shims ({@code ./bakery} on Linux and macOS, {@code bakery.cmd} on Windows)
 * build this jar when needed and run it in the repository's root.
 * <p>
 * Exit status: 0 done, 1 failed (the message says why), 2 a command or option it does not
 * know, {@value Build#NEEDED} the jars must be built first (the shims do, and run it
 * again).
 */
@Command(name = "bakery", mixinStandardHelpOptions = true, versionProvider = BakeryCommand.Version.class,
		description = { "Runs the whole bakery on this machine, without Docker: Kafka, PostgreSQL and the four "
				+ "departments, each a process of its own, on the same addresses as docker compose up." },
		footer = { "",
				"Parts: checkout-service, bakery-service, packaging-service, sales-service (or checkout, bakery, "
						+ "packaging, sales), kafka, postgres; with --brokers 3 also kafka-2, kafka-3, kafka-controller. "
						+ "Logs are in .bakery/logs/. './bakery help <command>' tells more about a command." })
public final class BakeryCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private BakeryCommand() {
	}

	public static void main(String[] arguments) {
		// Logging starts here, in one thread: opening, Kafka's storage tool and zonky log
		// from two threads at once,
		// and SLF4J would print a warning about replaying their first lines.
		LoggerFactory.getILoggerFactory();
		Home home;
		try {
			home = Home.current();
		}
		catch (BakeryFailure ex) {
			Terminal.system().error(ex.getMessage());
			System.exit(1);
			return;
		}
		System.exit(commandLine(home).execute(arguments));
	}

	/** Every command, answering in the home's terminal. */
	static CommandLine commandLine(Home home) {
		CommandLine line = new CommandLine(new BakeryCommand());
		line.addSubcommand(new UpCommand(home));
		line.addSubcommand(new StartCommand(home));
		line.addSubcommand(new StopCommand(home));
		line.addSubcommand(new StatusCommand(home));
		line.addSubcommand(new LogsCommand(home));
		line.addSubcommand(new DownCommand(home));
		line.addSubcommand(new LabCommand(home));
		line.addSubcommand(new ConnectCommand(home));
		line.addSubcommand(new BenchCommand(home));
		line.addSubcommand(new PrepareCommand(home));
		KafkaToolCommand.TOOLS.forEach((name, tool) -> line.addSubcommand(name, new KafkaToolCommand(home, tool)));
		line.addSubcommand(new CompletionCommand());
		line.addSubcommand(new CommandLine.HelpCommand());
		line.addSubcommand(new NeedsBuildCommand(home));
		// Kafka's tools take arguments such as @file or -- themselves.
		line.setExpandAtFiles(false);
		line.setOut(new PrintWriter(home.terminal().out(), true));
		line.setErr(new PrintWriter(home.terminal().err(), true));
		line.setExecutionExceptionHandler((ex, failed, parsed) -> {
			if (ex instanceof BakeryFailure) {
				home.terminal().error(ex.getMessage());
				return 1;
			}
			throw ex;
		});
		line.setParameterExceptionHandler((ex, arguments) -> usageError(home, ex));
		return line;
	}

	private static int usageError(Home home, ParameterException ex) {
		CommandLine failed = ex.getCommandLine();
		home.terminal().error(ex.getMessage());
		UnmatchedArgumentException.printSuggestions(ex, failed.getErr());
		failed.getErr().print(failed.getHelp().fullSynopsis());
		failed.getErr().flush();
		return failed.getCommandSpec().exitCodeOnInvalidInput();
	}

	/** Without a command: what the commands are. */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
		return 0;
	}

	/** The version the build wrote into the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = BakeryCommand.class.getPackage().getImplementationVersion();
			return new String[] { "bakery " + ((version != null) ? version : "(not run from its jar)") };
		}

	}

}
