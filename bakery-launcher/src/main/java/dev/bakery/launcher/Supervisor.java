package dev.bakery.launcher;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Workspace;

/**
 * {@code ./bakery up}'s watch over its bakery: it says when a part stops by itself, and
 * it closes the bakery in order, itself and the same way, whoever asks: Ctrl-C (SIGINT),
 * SIGTERM, a closing terminal (SIGHUP), or {@code ./bakery down} in another terminal
 * (through the workspace, so that no signal is needed). The parts ignore Ctrl-C and
 * SIGHUP themselves (bakery-runtime starts them so): only the supervisor hears them.
 * <p>
 * A fault soak under way is stopped first and reconciles its orders while everything
 * still runs; its verdict is the exit status.
 */
final class Supervisor {

	private static final Duration WATCH = Duration.ofSeconds(1);

	/** How long a soak that was told to stop may take to drain and reconcile. */
	private static final Duration RECONCILE = Duration.ofMinutes(6);

	private final Bakery bakery;

	private final Terminal terminal;

	private final AtomicBoolean closing = new AtomicBoolean();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final CountDownLatch soakOver = new CountDownLatch(1);

	private volatile Runnable stopSoak;

	private volatile int status;

	Supervisor(Bakery bakery, Terminal terminal) {
		this.bakery = bakery;
		this.terminal = terminal;
	}

	/** Takes charge, then opens; if that fails, says why and closes what started. */
	void open(Runnable opening) {
		takeCharge();
		try {
			opening.run();
		}
		catch (RuntimeException ex) {
			if (!closing()) {
				this.terminal.error((ex instanceof BakeryFailure) ? ex.getMessage() : ex.toString());
				closeAndExit(1);
			}
			// Asked to close while it opened: the closing ends this process.
			awaitClose();
		}
	}

	/** This process answers for the bakery: signals, {@code ./bakery down}. */
	private void takeCharge() {
		this.bakery.workspace().supervisedBy(ProcessHandle.current());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAndExit(0), "close-the-bakery"));
		Thread watch = new Thread(this::keepWatch, "keep-watch");
		watch.setDaemon(true);
		watch.start();
	}

	private boolean closing() {
		return this.closing.get();
	}

	/**
	 * A soak runs: a request to close stops it first, and waits for its verdict.
	 * @param stop what ends the breaking ({@code FaultSoak.stop})
	 */
	void soaking(Runnable stop) {
		this.stopSoak = stop;
	}

	/** The soak is over; its verdict becomes the exit status. */
	void soaked(boolean kept) {
		this.status = kept ? 0 : 1;
		this.soakOver.countDown();
	}

	/** Waits while the bakery is open: whoever asks to close it ends this process. */
	void awaitClose() {
		try {
			this.closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeAndExit(0);
	}

	/**
	 * Closes the bakery once, whoever asks first, and ends this process with the status
	 * (a soak's verdict, if one ran); whoever asks later waits for that.
	 */
	void closeAndExit(int status) {
		if (this.closing.compareAndSet(false, true)) {
			Runnable stop = this.stopSoak;
			if (stop != null) {
				stop.run();
				await(this.soakOver, RECONCILE);
			}
			else {
				this.status = status;
			}
			try {
				close(this.bakery, this.terminal);
			}
			catch (RuntimeException ex) {
				this.terminal.error("the bakery did not close cleanly: " + ex);
				this.status = 1;
			}
			finally {
				this.closed.countDown();
			}
		}
		else {
			await(this.closed, Duration.ofDays(1));
		}
		// Also from a shutdown hook: the status is the bakery's, not the signal's.
		Runtime.getRuntime().halt(this.status);
	}

	/** Closes every part the workspace knows, in order, and says so. */
	static void close(Bakery bakery, Terminal terminal) {
		terminal.say("Closing the bakery ...");
		bakery.close();
		Workspace workspace = bakery.workspace();
		terminal.say("The bakery is closed: nothing left running"
				+ (bakery.settings().keepData() ? ", data kept in " + workspace.shown(workspace.data()) : "")
				+ ". Logs: " + workspace.shown(workspace.logs()) + "/");
	}

	/** Says once when a part ends by itself; closes when {@code ./bakery down} asks. */
	private void keepWatch() {
		Set<Part> running = new HashSet<>();
		while (!this.closing.get()) {
			try {
				if (this.bakery.workspace().closeRequested()) {
					closeAndExit(0);
				}
				for (Part part : this.bakery.workspace().known()) {
					if (this.bakery.isRunning(part)) {
						running.add(part);
					}
					else if (running.remove(part) && !this.closing.get() && this.bakery.workspace().knows(part)
							&& !this.bakery.workspace().diedDeliberately(part)) {
						this.terminal.say(part + " has stopped by itself; see "
								+ this.bakery.workspace().shown(this.bakery.log(part)) + " (./bakery start "
								+ StopCommand.startArguments(part) + " starts it again)");
					}
				}
			}
			catch (UncheckedIOException ex) {
				// The opening clears run/ while this reads it: look again in a moment.
			}
			Bakery.pause(WATCH);
		}
	}

	private static void await(CountDownLatch latch, Duration timeout) {
		try {
			latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
