package dev.bakery.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./bakery logs [part]}. */
@Command(name = "logs", description = { "Follows a part's log, or all logs, until Ctrl-C.",
		"The logs are in .bakery/logs/, one file per department, Kafka node and PostgreSQL." })
final class LogsCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "PART", completionCandidates = PartParameters.Names.class)
	String name;

	@Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE")
	String instance;

	private final Home home;

	LogsCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		String log = (this.name == null) ? null : PartParameters.parse(this.spec, this.name, this.instance).toString();
		try {
			new Follow(this.home.workspace().logs(), this.home.terminal().out()).follow(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return 0;
	}

}
