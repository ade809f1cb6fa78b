package dev.bakery.launcher;

import java.util.Optional;
import java.util.concurrent.Callable;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;
import picocli.CommandLine.Command;

/**
 * {@code ./bakery status}: running only for a process of this bakery (its process id and
 * start time match) whose port answers, a department only while its health is UP.
 */
@Command(name = "status", description = { "Says what runs, where, and whether it is healthy.",
		"Each part is running, starting (or unhealthy), stopped by itself (it crashed), or stopped (and whether "
				+ "another program holds its port)." })
final class StatusCommand implements Callable<Integer> {

	private static final String FORMAT = "%-20s %-16s %-6s %-8s %s";

	private final Home home;

	StatusCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		Bakery bakery = this.home.bakery();
		this.home.terminal().out().println(FORMAT.formatted("NAME", "ROLE", "PORT", "PID", "STATE"));
		bakery.parts().forEach((part) -> this.home.terminal().out().println(row(bakery, part).line()));
		return 0;
	}

	static Row row(Bakery bakery, Part part) {
		int port = bakery.port(part);
		Optional<ProcessHandle> process = bakery.workspace().running(part);
		if (process.isPresent()) {
			return new Row(part, port, Long.toString(process.get().pid()),
					bakery.isServing(part) ? "running" : "starting (or unhealthy)");
		}
		String state;
		if (bakery.workspace().knows(part)) {
			state = "stopped by itself (crashed? see " + bakery.workspace().shown(bakery.log(part)) + ")";
		}
		else if (Bakery.portOpen(port)) {
			state = "stopped (port " + port + " is in use by another program)";
		}
		else {
			state = "stopped";
		}
		return new Row(part, port, "-", state);
	}

	/** One line of the table. */
	record Row(Part part, int port, String pid, String state) {

		String line() {
			return FORMAT.formatted(this.part, this.part.role(), this.port, this.pid, this.state);
		}

	}

}
