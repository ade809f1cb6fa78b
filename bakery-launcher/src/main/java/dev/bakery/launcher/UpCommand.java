package dev.bakery.launcher;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.bakery.events.Topics;
import dev.bakery.labs.FaultSoak;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Brokers;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Settings;
import dev.bakery.runtime.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bakery up}: opens the bakery, says where everything is, and keeps watch over
 * it until it is asked to close ({@link Supervisor}).
 */
@Command(name = "up", description = {
		"Opens the bakery: Kafka, PostgreSQL and Zipkin, then the four departments and the board.",
		"Builds first if needed, prints where everything is and keeps watch until Ctrl-C, SIGTERM, a closing terminal "
				+ "or ./bakery down closes the bakery: the departments first, then Kafka and PostgreSQL; no process, "
				+ "port or data is left." })
final class UpCommand implements Callable<Integer> {

	static final Duration UNTIL_CTRL_C = Duration.ofDays(365);

	private static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)([sm])");

	@Spec
	private CommandSpec spec;

	@Option(names = "--simulate",
			description = "The till places orders by itself (BAKERY_SIMULATOR_ORDERS_PER_MINUTE, default 20).")
	boolean simulate;

	@Option(names = "--keep-data",
			description = "Keep the orders and Kafka's log for the next run (by default every run starts clean).")
	boolean keepData;

	@Option(names = "--brokers", paramLabel = "1|3",
			description = { "3: three Kafka brokers (kafka, kafka-2, kafka-3 on 9092, 9102, 9112) and a KRaft "
					+ "controller (kafka-controller, 9093); every partition has three replicas, "
					+ "min.insync.replicas=2. Default: BAKERY_BROKERS, or one." })
	Integer brokers;

	@Option(names = "--connect", description = { "Also a Kafka Connect worker (connect, port 8086): Debezium "
			+ "relays the till's outbox, a sink keeps the head office's table (./bakery connect)." })
	boolean connect;

	@Option(names = "--chaos", arity = "0..1", fallbackValue = "", paramLabel = "DURATION",
			description = { "Orders keep coming while a random part is killed (kill -9) every 20-40 s and "
					+ "started again; at the end (Ctrl-C, or after --chaos=3m or 90s) every order is reconciled: "
					+ "placed, completed, lost, doubled, dead-lettered." })
	String chaos;

	@Option(names = "--faults",
			description = { "The same with each part broken once, each department in the middle of its work; then "
					+ "the table, and the bakery closes. Exit status 0 only if nothing was lost, doubled or "
					+ "dead-lettered." })
	boolean faults;

	private final Home home;

	UpCommand(Home home) {
		this.home = home;
	}

	/** How long the chaos lasts: zero without {@code --chaos}. */
	Duration chaos() {
		if (this.chaos == null) {
			return Duration.ZERO;
		}
		if (this.chaos.isEmpty()) {
			return UNTIL_CTRL_C;
		}
		Matcher duration = DURATION.matcher(this.chaos);
		if (!duration.matches()) {
			throw new ParameterException(this.spec.commandLine(),
					"--chaos takes a duration like 90s or 3m, not '" + this.chaos + "'");
		}
		long amount = Long.parseLong(duration.group(1));
		return duration.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
	}

	/** The settings to open with: the environment's, and the options'. */
	Settings settings() {
		Settings settings = this.home.settings();
		if (this.brokers != null) {
			if (this.brokers != 1 && this.brokers != 3) {
				throw new ParameterException(this.spec.commandLine(), "--brokers takes 1 or 3, not " + this.brokers);
			}
			settings = settings.with(new Brokers(this.brokers));
		}
		if (this.faults && !chaos().isZero()) {
			throw new ParameterException(this.spec.commandLine(), "--chaos or --faults, not both");
		}
		settings = this.simulate ? settings.simulating() : settings;
		return this.keepData ? settings.keepingData() : settings;
	}

	@Override
	public Integer call() {
		Settings settings = settings();
		Duration chaos = chaos();
		Bakery bakery = this.home.bakery(settings);
		Terminal terminal = this.home.terminal();
		bakery.workspace().supervisor().ifPresent((up) -> {
			throw new BakeryFailure("the bakery is already running (process " + up.pid() + "); ./bakery down stops it");
		});
		bakery.ensureCanOpen();
		if (Build.of(this.home, bakery).staleBecauseOf().isPresent()) {
			terminal.say(Build.BUILDING);
			return Build.NEEDED;
		}
		Supervisor supervisor = new Supervisor(bakery, terminal);
		supervisor.open(() -> {
			long started = System.nanoTime();
			String kafka = settings.brokers().cluster() ? "three Kafka brokers, their KRaft controller" : "Kafka";
			terminal.say("Starting " + kafka + ", PostgreSQL and Zipkin ...");
			bakery.openInfrastructure();
			terminal.say("Ready after " + secondsSince(started) + "s: " + kafka + ", PostgreSQL and Zipkin."
					+ " Starting the four departments and the board" + (this.connect ? " and Kafka Connect" : "")
					+ " ...");
			(this.connect ? (Runnable) bakery::openDepartmentsWithConnect : (Runnable) bakery::openDepartments).run();
			terminal.say("The bakery is open after " + secondsSince(started) + "s.");
			terminal.print(welcome(bakery));
		});
		if (!this.faults && chaos.isZero()) {
			supervisor.awaitClose();
			return 0;
		}
		FaultSoak soak = new FaultSoak(bakery, terminal.out(), new Random());
		supervisor.soaking(soak::stop);
		boolean kept = false;
		try {
			if (this.faults) {
				terminal.say("Faults: orders keep coming in while each part dies once (kill -9, or a department "
						+ "at a chosen point of its work) and comes back; then every order is reconciled.");
				kept = soak.faults().kept();
			}
			else {
				terminal.say("Chaos: orders keep coming in while a random part dies every 20-40 s and comes back"
						+ (chaos.equals(UNTIL_CTRL_C) ? " until Ctrl-C" : " for " + chaos.toSeconds() + " s")
						+ "; then every order is reconciled.");
				kept = soak.chaos(chaos).kept();
			}
		}
		catch (BakeryFailure ex) {
			terminal.error(ex.getMessage());
		}
		finally {
			supervisor.soaked(kept);
		}
		supervisor.closeAndExit(kept ? 0 : 1);
		return kept ? 0 : 1;
	}

	private static long secondsSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
	}

	private static String welcome(Bakery bakery) {
		Site site = bakery.site();
		Settings settings = bakery.settings();
		return """

				  The till       checkout-service    http://localhost:%d   GET /menu, POST /orders
				  The bake house bakery-service      http://localhost:%d
				  Packaging      packaging-service   http://localhost:%d
				  The counter    sales-service       http://localhost:%d   GET /orders/{id}, POST /orders/{id}/pickup, GET /shelf/{id}
				  The board      bakery-board        http://localhost:%d   the live board: open it in a browser
				  Kafka          %s
				  PostgreSQL     localhost:%d      user %s, password %s; databases %s
				  Zipkin         http://localhost:%d/zipkin/   one trace per order (./bakery lab trace)

				  Place an order:
				    curl -i localhost:%d/orders -H 'Content-Type: application/json' \\
				         -d '{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}'
				  Follow it (orderId from the answer):
				    curl localhost:%d/orders/<orderId>

				  Logs, one per department:   .bakery/logs/   (./bakery logs bakery-service)
				  Stop one department:        ./bakery stop packaging-service     and again: ./bakery start packaging-service
				  Another bake house:         ./bakery start bakery-service 2     (port %d)
				  Order simulator:            %s
				  Data:                       %s

				  Ctrl-C closes the bakery.

				"""
			.formatted(site.port(Department.CHECKOUT), site.port(Department.BAKEHOUSE), site.port(Department.PACKAGING),
					site.port(Department.SALES), site.boardPort(), kafkaLines(bakery), site.postgresPort(),
					site.postgresUser(), site.postgresPassword(),
					Stream.of(Department.values()).map(site::database).collect(Collectors.joining(", ")),
					site.zipkinPort(), site.port(Department.CHECKOUT), site.port(Department.SALES),
					Part.of(Department.BAKEHOUSE, 2).port(site),
					settings.simulate() ? "on, " + settings.ordersPerMinute() + " orders a minute"
							: "off (./bakery up --simulate)",
					settings.keepData() ? "kept for the next run (--keep-data)"
							: "deleted when the bakery closes (./bakery up --keep-data keeps it)");
	}

	private static String kafkaLines(Bakery bakery) {
		String topics = "topics " + String.join(", ", Topics.ALL);
		if (!bakery.brokers().cluster()) {
			return bakery.bootstrapServers() + "      " + topics;
		}
		String indent = "\n                 ";
		return bakery.brokers()
			.brokers()
			.stream()
			.map((broker) -> "localhost:" + bakery.port(broker) + " (" + broker + ")")
			.collect(Collectors.joining(", ")) + indent + "KRaft controller localhost:" + bakery.site().controllerPort()
				+ " (" + Part.CONTROLLER + "); " + bakery.site().replicationFactor()
				+ " replicas of every partition, min.insync.replicas=" + bakery.site().minInsyncReplicas() + indent
				+ topics;
	}

}
