package dev.bakery.e2e;

import java.nio.file.Path;
import java.util.Map;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Brokers;
import dev.bakery.runtime.Settings;
import dev.bakery.runtime.Site;
import dev.bakery.runtime.Workspace;

/**
 * The one bakery of this test JVM, as {@code ./bakery up} runs it: Kafka, PostgreSQL and
 * the four departments, each a process of its own, from the jars the build just made, on
 * free ports (so that a learner's open bakery and these tests never meet). Opened by the
 * first test that asks, closed when the JVM ends. Every test leaves it as it found it:
 * whatever a test stops or kills, it starts again.
 * <p>
 * It runs one broker, as {@code ./bakery up} does, until a test asks for three: then it
 * closes and opens again with a controller and three brokers ({@code --brokers 3}). The
 * tests that need them run last (@Order), so that it changes once: a cluster costs the
 * two cores about twice the CPU of one broker, idle and under load.
 */
final class TheBakery {

	/** Twenty times faster than the demo: a tray of rye bread bakes in 0.8 s. */
	static final String TIME_SCALE = "0.02";

	private static Bakery bakery;

	private TheBakery() {
	}

	/** The bakery with one broker, or the cluster once a test asked for it. */
	static synchronized Bakery get() {
		return (bakery != null) ? bakery : with(Brokers.ONE);
	}

	/** The bakery with three brokers and a controller. */
	static synchronized Bakery withThreeBrokers() {
		return with(Brokers.THREE);
	}

	private static Bakery with(Brokers wanted) {
		if (bakery != null && !wanted.equals(bakery.brokers())) {
			bakery.close();
			bakery = null;
		}
		if (bakery == null) {
			bakery = open("bakery", Settings.from(Map.of()).with(wanted));
		}
		return bakery;
	}

	private static Bakery open(String name, Settings settings) {
		Bakery opened = new Bakery(Path.of(".."), Site.file().withFreePorts(), new Workspace(Path.of("target", name)),
				settings.withTimeScale(TIME_SCALE).forTests(Map.of("bakery.board.lag-interval", "1s")),
				(said) -> System.out.println(name + ": " + said));
		Runtime.getRuntime().addShutdownHook(new Thread(opened::close, name + "-close"));
		try {
			opened.open();
		}
		catch (RuntimeException ex) {
			// What did start stops, so that the next test can open the bakery again.
			opened.close();
			throw ex;
		}
		return opened;
	}

}
