package dev.bakery.launcher;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * What the {@code ./bakery} shim asks before {@code up}: whether to build first. (It then
 * runs {@code up} in its own place, so that a signal to the shim's process id reaches the
 * supervisor.)
 */
@Command(name = "needs-build", hidden = true, description = "Exit status " + Build.NEEDED
		+ " if the jars ./bakery up runs are missing or older than the sources, else 0.")
final class NeedsBuildCommand implements Callable<Integer> {

	private final Home home;

	NeedsBuildCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		if (Build.of(this.home, this.home.bakery()).staleBecauseOf().isEmpty()) {
			return 0;
		}
		this.home.terminal().say(Build.BUILDING);
		return Build.NEEDED;
	}

}
