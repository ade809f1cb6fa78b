package dev.bakery.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The commands of {@code ./bakery}: open the bakery and keep watch over it, start and
 * stop its parts, say what runs, close it.
 */
final class Launcher {

	/**
	 * A department leaves its consumer group at once and then finishes the orders at its
	 * stations (each at most bakery.longest-work, 5 minutes; seconds in the demo).
	 */
	private static final Duration DEPARTMENT_STOP = Duration.ofSeconds(360);

	/** Closing the whole bakery does not wait for every oven. */
	private static final Duration DEPARTMENT_CLOSE = Duration.ofSeconds(30);

	private static final Duration KAFKA_STOP = Duration.ofSeconds(60);

	private static final Duration POSTGRES_STOP = Duration.ofSeconds(30);

	private static final Map<String, String> ROLES = Map.of("checkout-service", "the till", "bakery-service",
			"the bake house", "packaging-service", "packaging", "sales-service", "the counter", Site.KAFKA,
			"Kafka broker", Brokers.CONTROLLER, "KRaft controller", Site.POSTGRES, "PostgreSQL");

	private final Path root;

	private final Site site;

	private final Workspace workspace;

	private final Terminal terminal;

	private final Children children;

	private final Java java;

	private final Kafka kafka;

	private final Postgres postgres;

	private final Settings settings;

	private final BakeryClient client;

	private final String version;

	private final Platform platform;

	private volatile boolean closing;

	/**
	 * Processes killed on purpose ({@code --chaos}): not reported as stopped by
	 * themselves.
	 */
	private final Set<String> killed = ConcurrentHashMap.newKeySet();

	private volatile Chaos chaos;

	private final CountDownLatch chaosOver = new CountDownLatch(1);

	Launcher(Path root, Site site, Platform platform, Terminal terminal, Settings settings, String version) {
		this.root = root;
		this.site = site;
		this.workspace = new Workspace(root.resolve(".bakery"));
		this.terminal = terminal;
		this.settings = settings;
		this.version = version;
		this.platform = platform;
		this.children = new Children(platform, this.workspace, terminal);
		this.java = new Java(platform, this.workspace);
		this.kafka = new Kafka(site, this.workspace, this.children, this.java);
		this.postgres = new Postgres(site, platform, this.workspace, this.children);
		this.client = new BakeryClient(site);
	}

	Workspace workspace() {
		return this.workspace;
	}

	/** The same launcher, saying what it does to another terminal (a log file). */
	Launcher speakingTo(Terminal terminal) {
		return new Launcher(this.root, this.site, this.platform, terminal, this.settings, this.version);
	}

	// --- up
	// ---------------------------------------------------------------------------------------------------

	/**
	 * Opens the bakery and stays in the foreground until Ctrl-C or {@code ./bakery down},
	 * which close it through the shutdown hook the caller registers ({@link #close()})
	 * when told that the opening begins: after the checks, before anything starts.
	 * @throws Build.Needed when the jars are missing or older than the sources
	 */
	int up(Command.Up command, Runnable opening) {
		this.workspace.running(Workspace.UP).ifPresent((up) -> {
			throw new Failure("the bakery is already running (process " + up.pid() + "); ./bakery down stops it");
		});
		if (this.workspace.known().stream().anyMatch(this::isRunning)) {
			throw new Failure("parts of an earlier run are still running; ./bakery down stops them");
		}
		Brokers brokers = command.brokers().orElse(this.settings.brokers());
		if (command.keepData()) {
			keptBrokers().filter((kept) -> !kept.equals(brokers)).ifPresent((kept) -> {
				throw new Failure(
						"the kept data is of a bakery with " + kept.count() + " broker(s): ./bakery up --brokers "
								+ kept.count() + " --keep-data opens it, ./bakery up --brokers " + brokers.count()
								+ " without --keep-data starts clean");
			});
		}
		for (int port : allPorts(brokers)) {
			if (portOpen(port)) {
				throw new Failure(
						"port " + port + " is in use by another program (another Kafka, PostgreSQL or bakery?)");
			}
		}
		build().staleBecauseOf().ifPresent((stale) -> {
			throw new BuildNeeded();
		});

		opening.run();
		Workspace.delete(this.workspace.logs());
		Workspace.delete(this.workspace.run());
		Workspace.delete(this.workspace.tmp());
		if (!command.keepData()) {
			Workspace.delete(this.workspace.data());
		}
		createDirectories();
		this.workspace.remember(Workspace.UP, ProcessHandle.current());
		Settings settings = (command.simulate() ? this.settings.simulating() : this.settings).with(brokers);
		settings.save(settingsFile());
		Workspace.write(keptBrokersFile(), Integer.toString(brokers.count()));
		if (command.keepData()) {
			Workspace.write(keepDataMarker(), "");
		}

		long started = System.nanoTime();
		this.terminal.say(brokers.cluster() ? "Starting three Kafka brokers, their KRaft controller and PostgreSQL ..."
				: "Starting Kafka and PostgreSQL ...");
		List<ProcessName> infrastructure = new ArrayList<>(brokers.nodes());
		infrastructure.add(ProcessName.of(Site.POSTGRES));
		if (!startAndAwait(infrastructure, settings)) {
			throw new Failure("the bakery could not open");
		}
		this.terminal.say((brokers.cluster() ? "Kafka's three brokers" : "Kafka") + " and PostgreSQL ready after "
				+ secondsSince(started) + "s. Starting the four departments ...");
		if (!startAndAwait(this.site.departments().stream().map(ProcessName::of).toList(), settings)) {
			throw new Failure("the bakery could not open");
		}
		this.terminal.say("The bakery is open after " + secondsSince(started) + "s.");
		this.terminal.print(welcome(settings, command.keepData()));
		if (command.chaos().isZero() && !command.faults()) {
			keepWatch();
			return 0;
		}
		Thread watch = new Thread(this::keepWatch, "keep-watch");
		watch.setDaemon(true);
		watch.start();
		this.chaos = new Chaos(this, this.site, this.terminal, new Random());
		try {
			if (command.faults()) {
				this.terminal.say("Faults: orders keep coming in while each part dies once (kill -9, or a department "
						+ "at a chosen point of its work) and comes back; then every order is reconciled.");
				return this.chaos.faults() ? 0 : 1;
			}
			this.terminal.say(
					"Chaos: orders keep coming in while a random part dies every 20-40 s and comes back"
							+ (command.chaos().equals(Command.Up.UNTIL_CTRL_C) ? " until Ctrl-C"
									: " for " + command.chaos().toSeconds() + " s")
							+ "; then every order is reconciled.");
			return this.chaos.chaos(command.chaos()) ? 0 : 1;
		}
		finally {
			this.chaosOver.countDown();
		}
	}

	/**
	 * Kills a process as {@code kill -9} does: no shutdown hook, no goodbye; its pid file
	 * stays, as after a crash, but {@code ./bakery up} does not report it.
	 * @return whether it was running
	 */
	/** A process about to die on purpose: not reported as stopped by itself. */
	void expectDeath(ProcessName name) {
		this.killed.add(name.toString());
	}

	boolean kill(ProcessName name) {
		Optional<ProcessHandle> process = this.workspace.running(name.toString());
		if (process.isEmpty()) {
			return false;
		}
		this.killed.add(name.toString());
		process.get().destroyForcibly();
		Children.exited(process.get(), Duration.ofSeconds(10));
		return true;
	}

	/** Mentions any process that ends by itself, once. */
	private void keepWatch() {
		Set<String> running = ConcurrentHashMap.newKeySet();
		while (!this.closing) {
			for (ProcessName name : this.workspace.known()) {
				String process = name.toString();
				if (isRunning(name)) {
					running.add(process);
				}
				else if (running.remove(process) && !this.closing && this.workspace.knows(process)
						&& !this.killed.remove(process)) {
					this.terminal.say(
							process + " has stopped by itself; see " + this.workspace.shown(this.workspace.log(process))
									+ " (./bakery start " + startArguments(name) + " starts it again)");
				}
			}
			pause(Duration.ofSeconds(1));
		}
	}

	private List<Integer> allPorts(Brokers brokers) {
		List<Integer> ports = new ArrayList<>(List.of(this.site.controllerPort(), this.site.port(Site.POSTGRES)));
		brokers.brokers().forEach((broker) -> ports.add(broker.port(this.site)));
		this.site.departments().forEach((department) -> ports.add(this.site.port(department)));
		return ports;
	}

	/** The brokers whose data {@code .bakery/data} holds, if any. */
	private Optional<Brokers> keptBrokers() {
		try {
			return Files.exists(keptBrokersFile())
					? Optional.of(new Brokers(Integer.parseInt(Files.readString(keptBrokersFile()).strip())))
					: Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private Path keptBrokersFile() {
		return this.workspace.data().resolve("brokers");
	}

	/**
	 * The brokers of the open bakery (as ./bakery up saved them), or those it would open.
	 */
	Brokers brokers() {
		return this.settings.orSaved(settingsFile()).brokers();
	}

	Build build() {
		List<Path> jars = new ArrayList<>();
		jars.add(this.root.resolve("bakery-launcher/target/bakery-launcher.jar"));
		this.site.departments().forEach((department) -> jars.add(departmentJar(department)));
		return new Build(this.root, jars, this.workspace.root().resolve("build.stamp"));
	}

	private Path departmentJar(String department) {
		return this.root.resolve(department + "/target/" + department + "-" + this.version + "-exec.jar");
	}

	private String welcome(Settings settings, boolean keepData) {
		int checkout = this.site.port("checkout-service");
		return """

				  The till       checkout-service    http://localhost:%d   GET /menu, POST /orders
				  The bake house bakery-service      http://localhost:%d
				  Packaging      packaging-service   http://localhost:%d
				  The counter    sales-service       http://localhost:%d   the live board; GET /orders/{id}, POST /orders/{id}/pickup
				  Kafka          %s
				  PostgreSQL     localhost:%d      user %s, password %s; databases %s

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
			.formatted(checkout, this.site.port("bakery-service"), this.site.port("packaging-service"),
					this.site.port("sales-service"), kafkaLines(settings.brokers()), this.site.port(Site.POSTGRES),
					this.site.postgresUser(), this.site.postgresPassword(),
					String.join(", ", this.site.databases().values()), checkout, this.site.port("sales-service"),
					new ProcessName("bakery-service", 2).port(this.site),
					settings.simulate() ? "on, " + settings.ordersPerMinute() + " orders a minute"
							: "off (./bakery up --simulate)",
					keepData ? "kept for the next run (--keep-data)"
							: "deleted when the bakery closes (./bakery up --keep-data keeps it)");
	}

	private String kafkaLines(Brokers brokers) {
		String topics = "topics " + String.join(", ", dev.bakery.events.Topics.ALL);
		if (!brokers.cluster()) {
			return "localhost:" + this.site.port(Site.KAFKA) + "      " + topics;
		}
		String indent = "\n                 ";
		return brokers.brokers()
			.stream()
			.map((broker) -> "localhost:" + broker.port(this.site) + " (" + broker + ")")
			.collect(Collectors.joining(", ")) + indent + "KRaft controller localhost:" + this.site.controllerPort()
				+ " (" + Brokers.CONTROLLER + "); 3 replicas of every partition, min.insync.replicas=2" + indent
				+ topics;
	}

	// --- close
	// ------------------------------------------------------------------------------------------------

	/**
	 * Departments first (they still reach Kafka and their database while they finish),
	 * then Kafka and PostgreSQL.
	 */
	synchronized void close() {
		Chaos chaos = this.chaos;
		if (chaos != null) {
			// Ctrl-C ends the chaos: the orders are reconciled while everything still
			// runs.
			chaos.stop();
			try {
				this.chaosOver.await(5, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.closing = true;
		this.terminal.say("Closing the bakery ...");
		List<ProcessName> departments = this.workspace.known().stream().filter(ProcessName::isDepartment).toList();
		all(departments.stream().map((name) -> (Runnable) () -> this.children.stop(name, DEPARTMENT_CLOSE)));
		// The brokers before their controller: a broker hands its partitions over through
		// the controller as it stops.
		Stream<Runnable> brokers = this.workspace.known()
			.stream()
			.filter((name) -> name.part().equals(Site.KAFKA))
			.map((name) -> () -> this.children.stop(name, KAFKA_STOP));
		all(Stream.concat(brokers, Stream.of(() -> this.postgres.stop(POSTGRES_STOP))));
		this.children.stop(ProcessName.of(Brokers.CONTROLLER), KAFKA_STOP);
		boolean keepData = Files.exists(keepDataMarker());
		if (!keepData) {
			Workspace.delete(this.workspace.data());
		}
		Workspace.delete(this.workspace.run());
		Workspace.delete(this.workspace.tmp());
		this.terminal.say("The bakery is closed: nothing left running" + (keepData ? ", data kept in .bakery/data" : "")
				+ ". Logs: .bakery/logs/");
	}

	void down() {
		Optional<ProcessHandle> up = this.workspace.running(Workspace.UP);
		if (up.isEmpty()) {
			// ./bakery up is gone (killed, or its terminal closed): stop what it left.
			close();
			return;
		}
		// The terminal running ./bakery up closes the bakery in order, as for Ctrl-C.
		up.get().destroy();
		if (!Children.exited(up.get(), Duration.ofSeconds(180))) {
			throw new Failure("./bakery up (process " + up.get().pid() + ") did not stop");
		}
		if (this.workspace.known().stream().anyMatch(this::isRunning)) {
			// Where a stop cannot be noticed (Windows ends a process at once), close
			// here.
			close();
			return;
		}
		this.terminal.say("The bakery is closed.");
	}

	// --- start, stop
	// ------------------------------------------------------------------------------------------

	void start(ProcessName name) {
		start(name, Map.of());
	}

	/**
	 * Starts a process with more in its environment (a department's
	 * {@code BAKERY_FAULT}).
	 */
	void start(ProcessName name, Map<String, String> environment) {
		Settings settings = this.settings.orSaved(settingsFile());
		if (!name.isDepartment() && !name.part().equals(Site.POSTGRES) && !settings.brokers().nodes().contains(name)) {
			throw new Failure(name + " is not part of this bakery: it runs " + settings.brokers().nodes()
					+ (settings.brokers().cluster() ? "" : " (./bakery up --brokers 3 opens one with three brokers)"));
		}
		if (name.isDepartment()) {
			if (settings.brokers().brokers().stream().noneMatch(this::isRunning)
					|| !isRunning(ProcessName.of(Site.POSTGRES))) {
				throw new Failure(
						"Kafka and PostgreSQL are not both running (./bakery status); ./bakery up starts the whole bakery");
			}
			// No build here: rebuilding a jar under a running department could break it.
			// ./bakery up builds.
			if (!Files.exists(departmentJar(name.part()))) {
				throw new Failure("not built yet: run ./bakery up");
			}
		}
		this.terminal.say("Starting " + name + " ...");
		if (!startAndAwait(List.of(name), settings, environment)) {
			throw new Failure(name + " did not start");
		}
		this.terminal.say(name + " is up on port " + name.port(this.site) + " (log: "
				+ this.workspace.shown(this.workspace.log(name.toString())) + ")");
	}

	void stop(ProcessName name) {
		if (!isRunning(name)) {
			throw new Failure(name + " is not running");
		}
		if (name.isDepartment()) {
			this.terminal.say("Stopping " + name + " (it finishes the orders at its stations first) ...");
			this.children.stop(name, DEPARTMENT_STOP);
		}
		else {
			this.terminal.say("Stopping " + name + " ...");
			stopInfrastructure(name);
		}
		this.terminal.say(name + " stopped. ./bakery start " + startArguments(name) + " starts it again.");
	}

	private void stopInfrastructure(ProcessName name) {
		if (name.part().equals(Site.POSTGRES)) {
			this.postgres.stop(KAFKA_STOP);
		}
		else {
			this.children.stop(name, KAFKA_STOP);
		}
	}

	private static String startArguments(ProcessName name) {
		return (name.instance() == 1 || !name.isDepartment()) ? name.toString() : name.part() + " " + name.instance();
	}

	/**
	 * Starts the processes together and waits until each serves; for one that dies or
	 * does not get there in time, shows the end of its log.
	 */
	private boolean startAndAwait(List<ProcessName> names, Settings settings) {
		return startAndAwait(names, settings, Map.of());
	}

	private boolean startAndAwait(List<ProcessName> names, Settings settings, Map<String, String> environment) {
		for (ProcessName name : names) {
			if (isRunning(name)) {
				throw new Failure(name + " is already running");
			}
			if (portOpen(name.port(this.site))) {
				throw new Failure("port " + name.port(this.site) + " (for " + name + ") is in use by another program");
			}
		}
		createDirectories();
		Map<ProcessName, String> failures = new ConcurrentHashMap<>();
		all(names.stream().map((name) -> (Runnable) () -> {
			try {
				launch(name, settings, environment);
			}
			catch (RuntimeException ex) {
				failures.put(name, String.valueOf(ex.getMessage()));
			}
		}));
		long deadline = System.nanoTime() + Duration.ofSeconds(settings.startupTimeoutSeconds()).toNanos();
		boolean ready = true;
		for (ProcessName name : names) {
			String failure = failures.get(name);
			if (failure == null) {
				failure = awaitReady(name, deadline, settings.startupTimeoutSeconds());
			}
			if (failure != null) {
				Path log = this.workspace.log(name.toString());
				this.terminal.err().printf("%n--- last lines of %s ---%n", this.workspace.shown(log));
				lastLines(log, 40).forEach(this.terminal.err()::println);
				this.terminal.error(failure);
				ready = false;
			}
		}
		return ready;
	}

	private void launch(ProcessName name, Settings settings, Map<String, String> extraEnvironment) {
		switch (name.part()) {
			case Site.KAFKA, Brokers.CONTROLLER -> this.kafka.start(name, settings.brokers());
			case Site.POSTGRES -> this.postgres.start();
			default -> {
				Map<String, String> environment = new HashMap<>(settings.departmentEnvironment());
				environment.put("KAFKA_BOOTSTRAP_SERVERS", settings.brokers().bootstrapServers(this.site));
				environment.put("SERVER_PORT", Integer.toString(name.port(this.site)));
				environment.putAll(extraEnvironment);
				this.children.startLog(name.toString());
				this.children.launch(name, this.java.jar(settings.javaOptions(), departmentJar(name.part())),
						environment);
			}
		}
	}

	/** Null when ready; otherwise what went wrong. */
	private String awaitReady(ProcessName name, long deadline, int timeoutSeconds) {
		String log = this.workspace.shown(this.workspace.log(name.toString()));
		while (true) {
			if (!isRunning(name)) {
				return name + " has stopped (log: " + log + ")";
			}
			if (isServing(name)) {
				return null;
			}
			if (System.nanoTime() > deadline) {
				return name + " did not become ready within " + timeoutSeconds + "s (log: " + log + ")";
			}
			pause(Duration.ofMillis(500));
		}
	}

	// --- status
	// -----------------------------------------------------------------------------------------------

	/** One line of {@code ./bakery status}. */
	record Row(String name, String role, int port, String pid, String state) {

		String line() {
			return "%-20s %-16s %-6s %-8s %s".formatted(this.name, this.role, this.port, this.pid, this.state);
		}

	}

	void printStatus() {
		this.terminal.out().println("%-20s %-16s %-6s %-8s %s".formatted("NAME", "ROLE", "PORT", "PID", "STATE"));
		status().forEach((row) -> this.terminal.out().println(row.line()));
	}

	/**
	 * What runs: a process of this bakery whose port answers (a department: reports UP).
	 */
	List<Row> status() {
		Set<ProcessName> names = new LinkedHashSet<>(brokers().nodes());
		names.add(ProcessName.of(Site.POSTGRES));
		this.site.departments().forEach((department) -> names.add(ProcessName.of(department)));
		names.addAll(this.workspace.known());
		return names.stream().map(this::row).toList();
	}

	private Row row(ProcessName name) {
		String role = ROLES.getOrDefault(name.part(), name.part());
		int port = name.port(this.site);
		Optional<ProcessHandle> process = this.workspace.running(name.toString());
		if (process.isPresent()) {
			return new Row(name.toString(), role, port, Long.toString(process.get().pid()),
					isServing(name) ? "running" : "starting (or unhealthy)");
		}
		String state;
		if (this.workspace.knows(name.toString())) {
			state = "stopped by itself (crashed? see " + this.workspace.shown(this.workspace.log(name.toString()))
					+ ")";
		}
		else if (portOpen(port)) {
			state = "stopped (port " + port + " is in use by another program)";
		}
		else {
			state = "stopped";
		}
		return new Row(name.toString(), role, port, "-", state);
	}

	// --- what runs
	// --------------------------------------------------------------------------------------------

	boolean isRunning(ProcessName name) {
		return this.workspace.running(name.toString()).isPresent();
	}

	/** Kafka and PostgreSQL accept connections; a department reports UP. */
	boolean isServing(ProcessName name) {
		int port = name.port(this.site);
		return name.isDepartment() ? this.client.healthy(port) : portOpen(port);
	}

	static boolean portOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	// --- helpers
	// ----------------------------------------------------------------------------------------------

	private Path settingsFile() {
		return this.workspace.settings();
	}

	private Path keepDataMarker() {
		return this.workspace.run().resolve("keep-data");
	}

	private void createDirectories() {
		try {
			Files.createDirectories(this.workspace.logs());
			Files.createDirectories(this.workspace.run());
			Files.createDirectories(this.workspace.tmp());
			Files.createDirectories(this.workspace.data());
			Files.createDirectories(this.workspace.cache());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs the tasks at once, each on its own thread, and waits for all of them. */
	private static void all(Stream<Runnable> tasks) {
		CompletableFuture.allOf(tasks.map((task) -> CompletableFuture.runAsync(task, (runnable) -> {
			Thread thread = new Thread(runnable);
			thread.start();
		})).toArray(CompletableFuture[]::new)).join();
	}

	private static List<String> lastLines(Path log, int count) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static long secondsSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The jars are missing or older than the sources: the shim builds and runs {@code up}
	 * again.
	 */
	static final class BuildNeeded extends RuntimeException {

		BuildNeeded() {
			super("Building the bakery (the first build downloads Maven and the dependencies: a few minutes) ...");
		}

	}

}
