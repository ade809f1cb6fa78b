package dev.bakery.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process of the bakery: {@code postgres}, a Kafka broker ({@code kafka}, and in a
 * three-broker bakery {@code kafka-2}, {@code kafka-3} and {@code kafka-controller}), or
 * an instance of a department ({@code bakery-service}, {@code bakery-service-2}, ...).
 *
 * @param part the department, {@code kafka}, {@code kafka-controller} or {@code postgres}
 * @param instance 1 for the first instance, 2, 3, ... for more of a department or for the
 * brokers of a cluster
 */
record ProcessName(String part, int instance) {

	private static final Pattern EXTRA_INSTANCE = Pattern.compile("(.+-service|kafka)-([0-9]+)");

	ProcessName {
		if (instance < 1) {
			throw new IllegalArgumentException("instance must be a number from 1, not " + instance);
		}
		if (instance > 1 && !isDepartment(part) && !part.equals(Site.KAFKA)) {
			throw new IllegalArgumentException("only a department or kafka can run more than one instance");
		}
	}

	static ProcessName of(String part) {
		return new ProcessName(part, 1);
	}

	/**
	 * What a learner types: {@code bakery} or {@code bakery-service}, {@code postgresql}
	 * or {@code postgres}, {@code kafka-2} or {@code kafka 2}, and an optional instance
	 * number.
	 * @throws IllegalArgumentException with a message for the learner
	 */
	static ProcessName parse(Site site, String name, String instance) {
		Matcher numbered = EXTRA_INSTANCE.matcher(name);
		if (instance == null && numbered.matches()) {
			return parse(site, numbered.group(1), numbered.group(2));
		}
		String part = switch (name) {
			case "postgresql" -> Site.POSTGRES;
			case "controller" -> Brokers.CONTROLLER;
			default -> site.has(name + "-service") ? name + "-service" : name;
		};
		if (!site.has(part)) {
			throw new IllegalArgumentException("unknown name '" + name + "' (see ./bakery help)");
		}
		if (instance == null) {
			return of(part);
		}
		if (!instance.matches("[1-9][0-9]{0,3}")) {
			throw new IllegalArgumentException("instance must be a number from 1, not '" + instance + "'");
		}
		return new ProcessName(part, Integer.parseInt(instance));
	}

	/** The process of a pid file's name ({@code bakery-service-2}). */
	static ProcessName ofFileName(String name) {
		Matcher extra = EXTRA_INSTANCE.matcher(name);
		return extra.matches() ? new ProcessName(extra.group(1), Integer.parseInt(extra.group(2))) : of(name);
	}

	boolean isDepartment() {
		return isDepartment(this.part);
	}

	private static boolean isDepartment(String part) {
		return part.endsWith("-service");
	}

	/**
	 * An extra instance n of a department, or broker n, listens on the first one's port +
	 * 10 * (n - 1); the KRaft controller on the controller port.
	 */
	int port(Site site) {
		if (this.part.equals(Brokers.CONTROLLER)) {
			return site.controllerPort();
		}
		return site.port(this.part) + 10 * (this.instance - 1);
	}

	@Override
	public String toString() {
		return (this.instance == 1) ? this.part : this.part + "-" + this.instance;
	}

}
