package dev.bakery.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The bakery's parts, started and stopped: Kafka (one node, or a KRaft controller and
 * three brokers), PostgreSQL, the four departments, the live board and Zipkin, where the
 * departments' traces go, each a process of its own, on the site's ports.
 * {@code ./bakery} runs a learner's bakery with it, and the tests theirs, so that the
 * tests test what a learner runs.
 * <p>
 * What runs is known from the workspace's pid files, not from this object: a bakery
 * opened by one JVM can be stopped, started and closed by another (another terminal's
 * {@code ./bakery}).
 */
public final class Bakery {

	/**
	 * A department leaves its group at once and then finishes its stations
	 * (bakery.longest-work: 5 min at most).
	 */
	private static final Duration DEPARTMENT_STOP = Duration.ofSeconds(360);

	/**
	 * Closing the whole bakery does not wait for every oven: what is unfinished is
	 * finished after a restart.
	 */
	private static final Duration DEPARTMENT_CLOSE = Duration.ofSeconds(30);

	private static final Duration KAFKA_STOP = Duration.ofSeconds(60);

	/** Zipkin, where the departments send their spans. */
	private static final Part TRACES = Part.of(Part.ZIPKIN);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path root;

	private final Site site;

	private final Workspace workspace;

	private final Consumer<String> narrator;

	private final Processes processes;

	private final Kafka kafka;

	private final Postgres postgres;

	private final ConnectWorker connectWorker;

	private final Zipkin zipkin;

	/** The settings this bakery opens with: those it was given. */
	private final Settings requested;

	/** The settings it runs with: those it was opened with, if another JVM opened it. */
	private volatile Settings settings;

	/**
	 * @param root the repository, where each department's runnable jar is
	 * ({@code <module>/target/*-exec.jar})
	 * @param site where the parts listen
	 * @param workspace where this bakery keeps its logs, data and pid files
	 * @param settings how it runs, unless it was opened with others (saved in the
	 * workspace) that still apply
	 * @param narrator what it says while it works ({@code Starting Kafka ...})
	 */
	public Bakery(Path root, Site site, Workspace workspace, Settings settings, Consumer<String> narrator) {
		this.root = root.toAbsolutePath();
		this.site = site;
		this.workspace = workspace;
		this.narrator = narrator;
		this.requested = settings;
		this.settings = settings.orSaved(settingsFile());
		this.processes = new Processes(workspace);
		this.kafka = new Kafka(site, workspace, this.processes);
		this.postgres = new Postgres(site, workspace, this.settings.durable());
		this.connectWorker = new ConnectWorker(this.root, site, workspace, this.processes);
		this.zipkin = new Zipkin(this.root, site, this.processes);
	}

	/**
	 * The same bakery, saying what it does to someone else (a lab's log instead of its
	 * table).
	 */
	public Bakery narratingTo(Consumer<String> narrator) {
		return new Bakery(this.root, this.site, this.workspace, this.settings, narrator);
	}

	public Site site() {
		return this.site;
	}

	public Workspace workspace() {
		return this.workspace;
	}

	public Settings settings() {
		return this.settings;
	}

	public Brokers brokers() {
		return this.settings.brokers();
	}

	// --- open and close
	// ------------------------------------------------------------------------------------------

	/**
	 * Kafka and PostgreSQL, then the four departments and the board; returns when every
	 * one serves.
	 */
	public void open() {
		openInfrastructure();
		openDepartments();
	}

	/**
	 * Refuses to open while parts of an earlier run still run, a port is taken, or the
	 * kept data is of a bakery with another number of brokers; touches nothing. (The
	 * opening checks the same: a supervisor calls this before it takes charge.)
	 */
	public void ensureCanOpen() {
		List<Part> running = this.workspace.known().stream().filter(this::isRunning).toList();
		if (!running.isEmpty()) {
			throw new BakeryFailure(
					"parts of an earlier run are still running (" + running + "); ./bakery down stops them");
		}
		Brokers brokers = this.requested.brokers();
		Path keptBrokers = this.workspace.data().resolve("brokers");
		if (this.requested.keepData() && Files.exists(keptBrokers)) {
			String kept = read(keptBrokers);
			if (!kept.equals(Integer.toString(brokers.count()))) {
				throw new BakeryFailure("the kept data is of a bakery with " + kept + " broker(s): --brokers " + kept
						+ " opens it; without --keep-data the bakery starts clean");
			}
		}
		List<Part> parts = new ArrayList<>(brokers.nodes());
		parts.add(Part.POSTGRESQL);
		if (this.requested.traces()) {
			parts.add(TRACES);
		}
		parts.addAll(applications());
		Map<Integer, Part> ports = new LinkedHashMap<>();
		parts.forEach((part) -> ports.put(port(part), part));
		// One broker is its own controller: it listens on the controller's port too.
		ports.putIfAbsent(this.site.controllerPort(), Part.of(Part.KAFKA));
		ports.forEach((port, part) -> {
			if (portOpen(port)) {
				throw new BakeryFailure("port " + port + " (for " + part
						+ ") is in use by another program (another Kafka, PostgreSQL or bakery?)");
			}
		});
	}

	/**
	 * Kafka's nodes and PostgreSQL, and Zipkin if the settings say so, in a clean
	 * workspace (the data stays if the settings keep it), with the settings this bakery
	 * was given.
	 */
	public void openInfrastructure() {
		ensureCanOpen();
		this.settings = this.requested;
		Path keptBrokers = this.workspace.data().resolve("brokers");
		Workspace.delete(this.workspace.logs());
		this.workspace.clearRun();
		Workspace.delete(this.workspace.tmp());
		if (!this.settings.keepData()) {
			Workspace.delete(this.workspace.data());
		}
		this.workspace.createDirectories();
		this.settings.save(settingsFile());
		Workspace.write(keptBrokers, Integer.toString(brokers().count()));
		List<Part> infrastructure = new ArrayList<>(brokers().nodes());
		infrastructure.add(Part.POSTGRESQL);
		if (this.settings.traces()) {
			infrastructure.add(TRACES);
		}
		startAll(infrastructure, Map.of());
	}

	/**
	 * The four departments and the live board, started together; returns when every one
	 * is ready.
	 */
	public void openDepartments() {
		startAll(applications(), Map.of());
	}

	/**
	 * The departments and the Kafka Connect worker ({@code ./bakery up --connect}), the
	 * till's outbox relayed by Debezium from the start, the head office's sink running.
	 */
	public void openDepartmentsWithConnect() {
		Connect connect = connect();
		connect.relayBy(Connect.Relay.CONNECT);
		List<Part> parts = new ArrayList<>(applications());
		parts.add(Part.of(Part.CONNECT));
		startAll(parts, Map.of());
		connect.register(Connect.HEAD_OFFICE, connect.config(Connect.HEAD_OFFICE));
		connect.register(Connect.TILL_OUTBOX, connect.config(Connect.TILL_OUTBOX));
		connect.awaitRunning(Connect.HEAD_OFFICE);
		connect.awaitRunning(Connect.TILL_OUTBOX);
	}

	/**
	 * The applications of this repository that a bakery runs, each from its jar: the four
	 * departments, in the order of the flow, and the board.
	 */
	public List<Part> applications() {
		List<Part> applications = new ArrayList<>(Stream.of(Department.values()).map(Part::of).toList());
		applications.add(Part.LIVE_BOARD);
		return applications;
	}

	/**
	 * Closes everything this workspace knows of, in order: the departments and the board
	 * (while Kafka, PostgreSQL and Zipkin still serve them), the brokers, PostgreSQL and
	 * Zipkin, the controller last (a broker hands its partitions over through it). The
	 * data goes too, unless the settings keep it.
	 */
	public synchronized void close() {
		List<Part> known = this.workspace.known();
		all(known.stream()
			.filter((part) -> part.isApplication() || part.name().equals(Part.CONNECT))
			.map((part) -> () -> this.processes.stop(part, DEPARTMENT_CLOSE)));
		all(Stream.concat(known.stream()
			.filter((part) -> part.isBroker() || part.equals(TRACES))
			.map((part) -> () -> this.processes.stop(part, KAFKA_STOP)), Stream.of(this.postgres::stop)));
		this.processes.stop(Part.of(Part.CONTROLLER), KAFKA_STOP);
		if (!this.settings.keepData()) {
			Workspace.delete(this.workspace.data());
		}
		Workspace.delete(this.workspace.run());
		Workspace.delete(this.workspace.tmp());
	}

	/**
	 * Makes each application's class data sharing archive now, if its jar has none yet,
	 * so that its first start is as quick as the next. The training runs need a Kafka
	 * broker and PostgreSQL: a bakery of their own, on free ports, opened and closed for
	 * them.
	 */
	public void prepare() {
		Bakery training = new Bakery(this.root, this.site.withFreePorts(),
				new Workspace(this.workspace.tmp().resolve("prepare")),
				this.settings.with(Brokers.ONE).notDurable().withoutTraces(), (said) -> {
				});
		training.openInfrastructure();
		try {
			all(applications().stream()
				.map((application) -> () -> new ClassDataSharing(jar(application)).prepare(this.settings.javaOptions(),
						training.settings.departmentEnvironment(training.site), log(application))));
		}
		finally {
			training.close();
			Workspace.delete(training.workspace.root());
		}
	}

	// --- one part
	// ----------------------------------------------------------------------------------------------

	public void start(Part part) {
		start(part, Map.of());
	}

	/**
	 * Starts a part, with more in its environment (the counter's
	 * {@code BAKERY_SHELF_ABORT_ONCE}), and waits until it serves.
	 */
	public void start(Part part, Map<String, String> environment) {
		boolean needsKafkaAndPostgres = part.isApplication() || part.name().equals(Part.CONNECT);
		if (!needsKafkaAndPostgres && !part.equals(Part.POSTGRESQL) && !part.equals(TRACES)
				&& !brokers().nodes().contains(part)) {
			throw new BakeryFailure(part + " is not part of this bakery: it runs " + brokers().nodes()
					+ (brokers().cluster() ? "" : " (./bakery up --brokers 3 opens one with three brokers)"));
		}
		if (needsKafkaAndPostgres
				&& (brokers().brokers().stream().noneMatch(this::isRunning) || !isRunning(Part.POSTGRESQL))) {
			throw new BakeryFailure("Kafka and PostgreSQL are not both running; ./bakery up opens the whole bakery");
		}
		startAll(List.of(part), environment);
		if (part.name().equals(Part.CONNECT)) {
			connect().register(Connect.HEAD_OFFICE, connect().config(Connect.HEAD_OFFICE));
		}
	}

	/**
	 * Gracefully: a department leaves its group at once and finishes the orders at its
	 * stations first.
	 */
	public void stop(Part part) {
		if (part.equals(Part.POSTGRESQL)) {
			this.postgres.stop();
		}
		else {
			this.processes.stop(part, part.isApplication() ? DEPARTMENT_STOP : KAFKA_STOP);
		}
	}

	/**
	 * As {@code kill -9}: no shutdown hook, no goodbye; the pid file stays, as after a
	 * crash.
	 * @return whether it was running
	 */
	public boolean kill(Part part) {
		expectDeath(part);
		boolean killed = this.processes.kill(part);
		if (part.equals(Part.POSTGRESQL)) {
			this.postgres.release();
		}
		return killed;
	}

	/**
	 * This part will die on purpose, by itself (a department with an armed fault point):
	 * a supervisor does not report it as a crash. Its next start forgets this.
	 */
	public void expectDeath(Part part) {
		this.workspace.expectDeath(part);
	}

	public boolean isRunning(Part part) {
		return this.workspace.running(part).isPresent();
	}

	/**
	 * Kafka, PostgreSQL and Zipkin accept connections; a department or the board reports
	 * itself ready, the Connect worker healthy.
	 */
	public boolean isServing(Part part) {
		if (part.name().equals(Part.CONNECT)) {
			return Connect.healthy(port(part));
		}
		return part.isApplication() ? ready(port(part)) : portOpen(port(part));
	}

	public int port(Part part) {
		return part.port(this.site);
	}

	/**
	 * The parts of this bakery (Zipkin if it opens with it), and any other instance or
	 * part it knows of.
	 */
	public List<Part> parts() {
		Set<Part> parts = new LinkedHashSet<>(brokers().nodes());
		parts.add(Part.POSTGRESQL);
		if (this.settings.traces()) {
			parts.add(TRACES);
		}
		parts.addAll(applications());
		parts.add(Part.of(Part.CONNECT));
		parts.addAll(this.workspace.known());
		return List.copyOf(parts);
	}

	public Path log(Part part) {
		return this.workspace.log(part);
	}

	// --- what clients need
	// -------------------------------------------------------------------------------------

	/** The Kafka Connect worker's REST API and the bakery's connectors. */
	public Connect connect() {
		return new Connect(this, this.connectWorker.connectors());
	}

	public String bootstrapServers() {
		return brokers().bootstrapServers(this.site);
	}

	public String jdbcUrl(String database) {
		return this.postgres.jdbcUrl(database);
	}

	public String jdbcUrl(Department department) {
		return jdbcUrl(this.site.database(department));
	}

	/**
	 * Zipkin's address: its API under {@code /api/v2}, its pages under {@code /zipkin/}.
	 */
	public URI zipkin() {
		return URI.create("http://localhost:" + port(TRACES));
	}

	/**
	 * Runs SQL as PostgreSQL's administrator, e.g. to take a department's database away
	 * for a while.
	 */
	public void administer(String sql) {
		this.postgres.administer(sql);
	}

	// --- starting
	// ------------------------------------------------------------------------------------------------

	/**
	 * Starts the parts together, then waits until each serves; a failure names the part
	 * and shows its log's end.
	 */
	private void startAll(List<Part> parts, Map<String, String> environment) {
		for (Part part : parts) {
			if (isRunning(part)) {
				throw new BakeryFailure(part + " is already running");
			}
			if (portOpen(port(part))) {
				throw new BakeryFailure("port " + port(part) + " (for " + part + ") is in use by another program");
			}
		}
		this.workspace.createDirectories();
		long started = System.nanoTime();
		this.narrator.accept("Starting " + String.join(", ", parts.stream().map(Part::toString).toList()) + " ...");
		Map<Part, String> failures = new ConcurrentHashMap<>();
		all(parts.stream().map((part) -> () -> {
			try {
				launch(part, environment);
			}
			catch (RuntimeException ex) {
				failures.put(part, String.valueOf(ex.getMessage()));
			}
		}));
		long deadline = System.nanoTime() + Duration.ofSeconds(this.settings.startupSeconds()).toNanos();
		List<String> problems = new ArrayList<>();
		for (Part part : parts) {
			String failure = failures.containsKey(part) ? failures.get(part) : awaitServing(part, deadline);
			if (failure != null) {
				problems.add(failure + "\n--- last lines of " + this.workspace.shown(log(part)) + " ---\n"
						+ String.join("\n", lastLines(part, 40)));
			}
		}
		if (!problems.isEmpty()) {
			throw new BakeryFailure(String.join("\n", problems));
		}
		this.narrator.accept(String.join(", ", parts.stream().map(Part::toString).toList()) + " ready after "
				+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
	}

	private void launch(Part part, Map<String, String> environment) {
		if (part.equals(Part.POSTGRESQL)) {
			this.postgres.start();
		}
		else if (part.name().equals(Part.CONNECT)) {
			this.connectWorker.start(brokers(), this.settings.compilerOptions());
		}
		else if (part.equals(TRACES)) {
			this.zipkin.start(part, this.settings);
		}
		else if (!part.isApplication()) {
			this.kafka.start(part, brokers(), this.settings.compilerOptions());
		}
		else {
			Map<String, String> variables = new HashMap<>(this.settings.departmentEnvironment(this.site));
			if (part.equals(Part.of(Department.CHECKOUT)) && connect().relay() == Connect.Relay.CONNECT) {
				// The till's own relay is off: Debezium relays its outbox.
				variables.put("BAKERY_OUTBOX_RELAY", "connect");
			}
			variables.putAll(environment);
			ClassDataSharing sharing = new ClassDataSharing(jar(part));
			sharing.prepare(this.settings.javaOptions(), variables, log(part));
			variables.put("SERVER_PORT", Integer.toString(port(part)));
			List<String> command = sharing.command(this.settings.javaOptions());
			this.settings.properties().forEach((name, value) -> command.add("--" + name + "=" + value));
			this.processes.launch(part, command, variables);
		}
	}

	/**
	 * {@code <module>/target/<module>-<version>-exec.jar}: an application's runnable jar,
	 * built by {@code ./mvnw package}.
	 */
	public Path jar(Part application) {
		String module = application.name();
		Path target = this.root.resolve(module).resolve("target");
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		catch (IOException ex) {
			// No target directory: not built.
		}
		throw new BakeryFailure(module + " is not built yet (./mvnw -B package, or ./bakery up)");
	}

	/** Null once it serves; otherwise what went wrong. */
	private String awaitServing(Part part, long deadline) {
		while (true) {
			if (!isRunning(part)) {
				return part + " has stopped (log: " + this.workspace.shown(log(part)) + ")";
			}
			if (isServing(part)) {
				return null;
			}
			if (System.nanoTime() > deadline) {
				return part + " did not become ready within " + this.settings.startupSeconds() + " s (log: "
						+ this.workspace.shown(log(part)) + ")";
			}
			pause(Duration.ofMillis(250));
		}
	}

	public List<String> lastLines(Part part, int count) {
		try {
			List<String> lines = Files.readAllLines(log(part), StandardCharsets.ISO_8859_1);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	// --- helpers
	// -----------------------------------------------------------------------------------------------

	private Path settingsFile() {
		return this.workspace.run().resolve("settings.properties");
	}

	/**
	 * 200 only while the application's readiness group is UP: for a department, its
	 * database, Kafka and whatever it needs to answer (the counter's shelf, the till's
	 * menu).
	 */
	static boolean ready(int port) {
		return answersOk(port, "/actuator/health/readiness");
	}

	/** Whether {@code GET path} on this machine's port answers 200 within two seconds. */
	static boolean answersOk(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public static boolean portOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Runs the tasks at once, each on a thread of its own, and waits for all of them. */
	private static void all(Stream<Runnable> tasks) {
		CompletableFuture
			.allOf(tasks.map((task) -> CompletableFuture.runAsync(task, (runnable) -> new Thread(runnable).start()))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
