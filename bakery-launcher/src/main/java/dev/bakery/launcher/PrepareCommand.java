package dev.bakery.launcher;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code ./bakery prepare}: each department's quick start made ahead, as
 * {@code ./bakery up} would make it at the first start after a build.
 */
@Command(name = "prepare", description = { "Prepares the departments' quick start ahead of the first ./bakery up.",
		"Each department's jar is extracted and started once to record the classes it loads (a class data sharing "
				+ "archive, in <module>/target/cds); ./bakery up does the same at its first start after a build. "
				+ "It opens a Kafka broker and PostgreSQL of its own for that, on free ports; about half a minute." })
final class PrepareCommand implements Callable<Integer> {

	private final Home home;

	PrepareCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		this.home.terminal().say("Preparing the departments' quick start ...");
		this.home.bakery().prepare();
		this.home.terminal().say("Prepared: the departments start from their class data sharing archives.");
		return 0;
	}

}
