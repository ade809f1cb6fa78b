package dev.bakery.launcher;

import java.io.PrintStream;

/**
 * What {@code ./bakery} says: bold in a terminal (red for errors), plain in a log file.
 */
final class Terminal {

	private final PrintStream out;

	private final PrintStream err;

	private final boolean ansi;

	Terminal(PrintStream out, PrintStream err, boolean ansi) {
		this.out = out;
		this.err = err;
		this.ansi = ansi;
	}

	static Terminal system() {
		return new Terminal(System.out, System.err, System.console() != null && System.getenv("TERM") != null);
	}

	void say(String message) {
		this.out.println((this.ansi ? "\033[1mbakery:\033[0m " : "bakery: ") + message);
		this.out.flush();
	}

	void error(String message) {
		this.err.println((this.ansi ? "\033[1;31mbakery:\033[0m " : "bakery: ") + message);
		this.err.flush();
	}

	/** Plain text: tables, the welcome. */
	void print(String text) {
		this.out.print(text);
		this.out.flush();
	}

	PrintStream out() {
		return this.out;
	}

	PrintStream err() {
		return this.err;
	}

}
