package dev.bakery.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process of the bakery: {@code postgres}, a Kafka node ({@code kafka}; with three
 * brokers also {@code kafka-2}, {@code kafka-3} and {@code kafka-controller}), the Kafka
 * Connect worker ({@code connect}), the trace backend ({@code zipkin}), an instance of a
 * department ({@code bakery-service}, {@code bakery-service-2}, ...) or the live board
 * ({@code bakery-board}).
 *
 * @param name {@value #KAFKA}, {@value #CONTROLLER}, {@value #POSTGRES},
 * {@value #CONNECT}, {@value #ZIPKIN}, {@value #BOARD} or a department's module
 * @param instance 1 for the first; 2, 3, ... for more of a department or for the brokers
 * of a cluster
 */
public record Part(String name, int instance) {

	public static final String KAFKA = "kafka";

	public static final String CONTROLLER = "kafka-controller";

	public static final String POSTGRES = "postgres";

	public static final String CONNECT = "connect";

	public static final String ZIPKIN = "zipkin";

	/** The live board: an application of its own, watching the others. */
	public static final String BOARD = "bakery-board";

	public static final Part POSTGRESQL = of(POSTGRES);

	public static final Part LIVE_BOARD = of(BOARD);

	private static final Pattern WITH_INSTANCE = Pattern.compile("(.+-service|kafka)-([0-9]+)");

	public Part {
		if (instance < 1) {
			throw new IllegalArgumentException("an instance is a number from 1, not " + instance);
		}
		boolean known = name.equals(KAFKA) || name.equals(CONTROLLER) || name.equals(POSTGRES) || name.equals(BOARD)
				|| name.equals(CONNECT) || name.equals(ZIPKIN)
				|| Department.named(name).filter((department) -> department.module().equals(name)).isPresent();
		if (!known) {
			throw new IllegalArgumentException("no part of the bakery is called '" + name + "'");
		}
		if (instance > 1 && !name.endsWith("-service") && !name.equals(KAFKA)) {
			throw new IllegalArgumentException("only a department or kafka runs more than one instance");
		}
	}

	public static Part of(String name) {
		return new Part(name, 1);
	}

	public static Part of(Department department) {
		return new Part(department.module(), 1);
	}

	public static Part of(Department department, int instance) {
		return new Part(department.module(), instance);
	}

	/**
	 * What a learner types: {@code bakery} or {@code bakery-service}, {@code postgresql},
	 * {@code kafka-2}, {@code board}, with an optional instance number.
	 * @throws IllegalArgumentException with a message for the learner
	 */
	public static Part parse(String text, String instance) {
		String name = text.strip();
		int number = 1;
		Matcher withInstance = WITH_INSTANCE.matcher(name);
		if (withInstance.matches() && instance == null) {
			name = withInstance.group(1);
			number = Integer.parseInt(withInstance.group(2));
		}
		if (instance != null) {
			if (!instance.matches("[1-9][0-9]?")) {
				throw new IllegalArgumentException("an instance is a number from 1, not '" + instance + "'");
			}
			number = Integer.parseInt(instance);
		}
		if (name.equals("postgresql")) {
			name = POSTGRES;
		}
		if (name.equals("board")) {
			name = BOARD;
		}
		if (!name.equals(KAFKA) && !name.equals(CONTROLLER) && !name.equals(POSTGRES) && !name.equals(BOARD)
				&& !name.equals(CONNECT) && !name.equals(ZIPKIN)) {
			String typed = name;
			name = Department.named(name)
				.map(Department::module)
				.orElseThrow(() -> new IllegalArgumentException("no part of the bakery is called '" + typed
						+ "' (checkout-service, bakery-service, packaging-service, sales-service, bakery-board, kafka,"
						+ " postgres, connect, zipkin)"));
		}
		return new Part(name, number);
	}

	/**
	 * The part as a pid file or log names it: {@code kafka-2.pid},
	 * {@code bakery-service-3.log}.
	 */
	static Part ofFileName(String fileName) {
		Matcher withInstance = WITH_INSTANCE.matcher(fileName);
		return withInstance.matches() ? new Part(withInstance.group(1), Integer.parseInt(withInstance.group(2)))
				: of(fileName);
	}

	public boolean isDepartment() {
		return this.name.endsWith("-service");
	}

	public boolean isBroker() {
		return this.name.equals(KAFKA);
	}

	public boolean isBoard() {
		return this.name.equals(BOARD);
	}

	/**
	 * A Spring Boot application of this repository, run from its module's jar: a
	 * department or the board.
	 */
	public boolean isApplication() {
		return isDepartment() || isBoard();
	}

	/**
	 * What the part is for, as {@code ./bakery status} says it: {@code the bake house},
	 * {@code Kafka broker}.
	 */
	public String role() {
		return switch (this.name) {
			case KAFKA -> "Kafka broker";
			case CONTROLLER -> "KRaft controller";
			case POSTGRES -> "PostgreSQL";
			case CONNECT -> "Kafka Connect";
			case ZIPKIN -> "trace backend";
			case BOARD -> "the live board";
			default -> department().role();
		};
	}

	public Department department() {
		return Department.named(this.name).orElseThrow(() -> new IllegalStateException(this + " is not a department"));
	}

	/**
	 * Its port: a department's first instance's port + 10 per further instance; a
	 * broker's likewise.
	 */
	public int port(Site site) {
		int base = switch (this.name) {
			case KAFKA -> site.brokerPort();
			case CONTROLLER -> site.controllerPort();
			case POSTGRES -> site.postgresPort();
			case CONNECT -> site.connectPort();
			case ZIPKIN -> site.zipkinPort();
			case BOARD -> site.boardPort();
			default -> site.port(department());
		};
		return base + 10 * (this.instance - 1);
	}

	@Override
	public String toString() {
		return (this.instance == 1) ? this.name : this.name + "-" + this.instance;
	}

}
