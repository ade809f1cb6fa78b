package dev.bakery.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a learner asked {@code ./bakery} to do, parsed from its arguments. */
sealed interface Command {

	/** Kafka's command-line tools, by the name of their bin/*.sh script. */
	Map<String, String> KAFKA_TOOLS = Map.of("kafka-topics", "org.apache.kafka.tools.TopicCommand",
			"kafka-consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
			"kafka-console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer", "kafka-console-producer",
			"org.apache.kafka.tools.ConsoleProducer", "kafka-get-offsets", "org.apache.kafka.tools.GetOffsetShell");

	/**
	 * @param chaos {@code --chaos}: how long to kill -9 a random part every 20 to 40 s
	 * while orders come in; {@link #NO_CHAOS} without it, {@link #UNTIL_CTRL_C} without a
	 * duration, else as long as {@code --chaos=3m} says
	 * @param faults {@code --faults}: break each part once while orders come in, each
	 * department in the middle of its work, then reconcile and close
	 * @param brokers {@code --brokers 3}: a cluster of three brokers; empty without it
	 * (then {@code BAKERY_BROKERS}, or one)
	 */
	record Up(boolean simulate, boolean keepData, Duration chaos, boolean faults,
			Optional<Brokers> brokers) implements Command {

		static final Duration NO_CHAOS = Duration.ZERO;

		static final Duration UNTIL_CTRL_C = Duration.ofDays(365);

		Up(boolean simulate, boolean keepData) {
			this(simulate, keepData, NO_CHAOS, false, Optional.empty());
		}

	}

	record Start(ProcessName name) implements Command {
	}

	record Stop(ProcessName name) implements Command {
	}

	record Status() implements Command {
	}

	record Logs(Optional<ProcessName> name) implements Command {
	}

	record Down() implements Command {
	}

	/** A lab that runs against the open bakery: {@code scaling} or {@code brokers}. */
	record Lab(String name) implements Command {
	}

	/**
	 * One of Kafka's tools; unless the arguments name a {@code --bootstrap-server}, the
	 * running bakery's brokers are added ({@link #withBootstrapServers}).
	 */
	record KafkaTool(String mainClass, List<String> arguments) implements Command {

		KafkaTool withBootstrapServers(String servers) {
			return this.arguments.contains("--bootstrap-server") ? this
					: new KafkaTool(this.mainClass, concat(List.of("--bootstrap-server", servers), this.arguments));
		}

	}

	/**
	 * {@code ./bakery bench}: orders placed at a fixed rate, or by concurrent clients as
	 * fast as the till takes them, and followed to the counter.
	 *
	 * @param rate orders per second offered; {@link #MAX_RATE} for as fast as it goes
	 * @param clients concurrent clients: at {@code --rate max} each places its next order
	 * when the last was answered; at a fixed rate they share the schedule
	 * @param duration how long orders are placed, and measured
	 * @param warmUp how long orders are placed the same way before that, and not measured
	 */
	record Bench(int rate, int clients, Duration duration, Duration warmUp) implements Command {

		static final int MAX_RATE = 0;

		boolean maxRate() {
			return this.rate == MAX_RATE;
		}

		/** The name of this run's files in docs/performance/: fixed-100, max-16. */
		String name() {
			return maxRate() ? "max-" + this.clients : "fixed-" + this.rate;
		}

	}

	record Help() implements Command {
	}

	/**
	 * @throws Usage when the arguments make no sense; its message says why
	 */
	static Command parse(Site site, List<String> arguments) {
		if (arguments.isEmpty()) {
			return new Help();
		}
		String command = arguments.get(0);
		List<String> rest = arguments.subList(1, arguments.size());
		return switch (command) {
			case "up" -> up(rest);
			case "start" -> new Start(name(site, "start", rest));
			case "stop" -> new Stop(name(site, "stop", rest));
			case "status" -> new Status();
			case "logs" -> new Logs(rest.isEmpty() ? Optional.empty() : Optional.of(name(site, "logs", rest)));
			case "down" -> new Down();
			case "lab" -> {
				if (rest.size() != 1 || !List.of("scaling", "brokers").contains(rest.get(0))) {
					throw new Usage("usage: ./bakery lab scaling|brokers");
				}
				yield new Lab(rest.get(0));
			}
			case "bench" -> bench(rest);
			case "help", "-h", "--help" -> new Help();
			default -> {
				String tool = KAFKA_TOOLS.get(command);
				if (tool == null) {
					throw new Usage(null);
				}
				yield new KafkaTool(tool, List.copyOf(rest));
			}
		};
	}

	private static Up up(List<String> options) {
		boolean simulate = false;
		boolean keepData = false;
		Duration chaos = Up.NO_CHAOS;
		boolean faults = false;
		Optional<Brokers> brokers = Optional.empty();
		for (int i = 0; i < options.size(); i++) {
			String option = options.get(i);
			if (option.equals("--brokers") || option.startsWith("--brokers=")) {
				String count = option.equals("--brokers") ? ((i + 1 < options.size()) ? options.get(++i) : "")
						: option.substring("--brokers=".length());
				if (!count.equals("1") && !count.equals("3")) {
					throw new Usage("--brokers takes 1 or 3, not '" + count + "'");
				}
				brokers = Optional.of(new Brokers(Integer.parseInt(count)));
				continue;
			}
			if (option.equals("--chaos")) {
				chaos = Up.UNTIL_CTRL_C;
				continue;
			}
			if (option.startsWith("--chaos=")) {
				chaos = duration(option.substring("--chaos=".length()));
				continue;
			}
			switch (option) {
				case "--simulate" -> simulate = true;
				case "--keep-data" -> keepData = true;
				case "--faults" -> faults = true;
				default -> throw new Usage("unknown option '" + option + "' (see ./bakery help)");
			}
		}
		if (faults && !chaos.isZero()) {
			throw new Usage("--chaos or --faults, not both");
		}
		return new Up(simulate, keepData, chaos, faults, brokers);
	}

	private static Bench bench(List<String> options) {
		int rate = 100;
		int clients = 16;
		int seconds = 60;
		int warmUp = 10;
		for (int i = 0; i < options.size(); i++) {
			String option = options.get(i);
			String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
			if (!List.of("--rate", "--clients", "--seconds", "--warm-up").contains(name)) {
				throw new Usage("unknown option '" + option + "' (see ./bakery help)");
			}
			String value = option.contains("=") ? option.substring(option.indexOf('=') + 1)
					: ((i + 1 < options.size()) ? options.get(++i) : "");
			switch (name) {
				case "--rate" ->
					rate = value.equals("max") ? Bench.MAX_RATE : positive(name, value, "orders per second or max");
				case "--clients" -> clients = positive(name, value, "a number of clients");
				case "--warm-up" -> warmUp = value.equals("0") ? 0 : positive(name, value, "a number of seconds");
				default -> seconds = positive(name, value, "a number of seconds");
			}
		}
		return new Bench(rate, clients, Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp));
	}

	private static int positive(String option, String value, String what) {
		if (!value.matches("[1-9][0-9]{0,5}")) {
			throw new Usage(option + " takes " + what + ", not '" + value + "'");
		}
		return Integer.parseInt(value);
	}

	/** {@code 90s}, {@code 3m}. */
	private static Duration duration(String text) {
		java.util.regex.Matcher duration = java.util.regex.Pattern.compile("([1-9][0-9]*)([sm])").matcher(text);
		if (!duration.matches()) {
			throw new Usage("--chaos takes a duration like 90s or 3m, not '" + text + "'");
		}
		long amount = Long.parseLong(duration.group(1));
		return duration.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
	}

	private static ProcessName name(Site site, String command, List<String> arguments) {
		if (arguments.isEmpty() || arguments.size() > 2) {
			throw new Usage("usage: ./bakery " + command + " <name> [instance]");
		}
		try {
			return ProcessName.parse(site, arguments.get(0), (arguments.size() == 2) ? arguments.get(1) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new Usage(ex.getMessage());
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	/** Arguments that make no sense; without a message, the usage is the answer. */
	final class Usage extends RuntimeException {

		Usage(String message) {
			super(message);
		}

	}

	String HELP = """
			Usage: ./bakery <command>

			  up [--simulate] [--keep-data]   start Kafka, PostgreSQL and the four departments; Ctrl-C stops everything
			                                  --simulate     the till places orders by itself (rate: BAKERY_SIMULATOR_ORDERS_PER_MINUTE)
			                                  --keep-data    keep orders and Kafka's log for the next run (default: start clean)
			     [--brokers 3]                --brokers 3    three Kafka brokers (kafka, kafka-2, kafka-3 on 9092, 9102, 9112) and
			                                                 a KRaft controller (kafka-controller, 9093): every partition has
			                                                 three replicas, min.insync.replicas=2 (default: one broker)
			     [--chaos[=3m]]               --chaos        orders keep coming while a random part is killed (kill -9) every
			                                                 20-40 s and restarted; at the end (Ctrl-C, or after 3m) every
			                                                 order is reconciled: placed, completed, lost, doubled
			     [--faults]                   --faults       the same, with each part broken once, each department in the
			                                                 middle of its work; then the table, and the bakery closes
			  stop <name> [instance]          stop one department (or kafka, kafka-2, postgres) while the rest runs
			  start <name> [instance]         start it again; instance 2, 3, ... starts one more of a department, on its
			                                  port + 10, + 20, ... (./bakery start bakery-service 2: port 8092)
			  status                          what runs, where, and whether it is healthy
			  logs [name]                     follow a department's log (all logs without a name)
			  down                            stop everything (from another terminal)
			  lab scaling                     the scaling lab: a burst drained by one bake house, then by three
			  lab brokers                     the brokers lab (needs up --brokers 3): one broker crashes and a second
			                                  stops while orders come in, both come back; measured
			  bench [--rate 100|max]          place orders over --clients (16) connections at a fixed rate (orders/s) for
			        [--clients 16]            --seconds (60), or as fast as the till takes them (--rate max), after
			        [--seconds 60]            --warm-up (10) seconds the same way that are not measured; follow each to
			        [--warm-up 10]            the counter; print throughput, latency percentiles, lost and doubled
			                                  orders, time per hop, CPU per order; write
			                                  docs/performance/<fixed-100|max-16>.json and .svg
			  kafka-topics ...                Kafka's own command-line tools, as bin/kafka-*.sh of a Kafka download, already
			  kafka-consumer-groups ...       pointed at the bakery's brokers (localhost:9092), e.g.
			  kafka-console-consumer ...        ./bakery kafka-consumer-groups --describe --group packaging
			  kafka-console-producer ...        ./bakery kafka-console-consumer --topic bakery.orders --from-beginning
			  kafka-get-offsets ...

			Names: checkout-service, bakery-service, packaging-service, sales-service (or checkout, bakery, packaging, sales),
			kafka, postgres; with --brokers 3 also kafka-2, kafka-3, kafka-controller. Logs are in .bakery/logs/.
			""";

}
