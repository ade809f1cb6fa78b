package dev.bakery.launcher;

import java.nio.file.Path;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;

/**
 * Parts of the bakery under a {@link Supervisor}, in a JVM of its own, as
 * {@code ./bakery up} runs the whole bakery: PostgreSQL, or Kafka and PostgreSQL (the
 * tests build no departments). {@link SupervisorTests} signals it.
 */
final class SupervisedBakery {

	static final String OPEN = "open, under supervision";

	private SupervisedBakery() {
	}

	/**
	 * @param arguments the repository's root; {@code postgres} or {@code infrastructure}
	 */
	public static void main(String[] arguments) {
		Home home = new Home(Path.of(arguments[0]), System.getenv(), Terminal.system());
		Bakery bakery = home.bakery();
		Supervisor supervisor = new Supervisor(bakery, home.terminal());
		supervisor.open(() -> {
			if (arguments[1].equals(Part.POSTGRES)) {
				bakery.start(Part.POSTGRESQL);
			}
			else {
				bakery.openInfrastructure();
			}
			home.terminal().say(OPEN);
		});
		supervisor.awaitClose();
	}

}
