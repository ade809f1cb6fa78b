package dev.bakery.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import picocli.CommandLine.Command;

/**
 * {@code ./bakery down}: asks {@code ./bakery up} to close its bakery, and waits until it
 * has; without one (killed, or its terminal gone) it closes what the workspace still
 * knows itself.
 */
@Command(name = "down", description = { "Closes the bakery (from another terminal).",
		"./bakery up closes it in order and ends, as on Ctrl-C. Without ./bakery up (killed, or its terminal gone) "
				+ "it closes whatever the bakery left running itself." })
final class DownCommand implements Callable<Integer> {

	/** Long enough for a fault soak under way to reconcile its orders first. */
	private static final Duration WAIT = Duration.ofMinutes(10);

	private final Home home;

	DownCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		Bakery bakery = this.home.bakery();
		Optional<ProcessHandle> up = bakery.workspace().supervisor();
		if (up.isPresent()) {
			bakery.workspace().requestClose();
			if (!exited(up.get())) {
				throw new BakeryFailure("./bakery up (process " + up.get().pid() + ") did not close the bakery within "
						+ WAIT.toMinutes() + " minutes");
			}
			if (bakery.workspace().known().stream().noneMatch(bakery::isRunning)) {
				this.home.terminal().say("The bakery is closed.");
				return 0;
			}
		}
		Supervisor.close(bakery, this.home.terminal());
		return 0;
	}

	private static boolean exited(ProcessHandle process) {
		try {
			process.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

}
