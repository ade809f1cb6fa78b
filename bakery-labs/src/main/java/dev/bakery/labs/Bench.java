package dev.bakery.labs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bakery.events.Topics;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.TopicReader;

/**
 * {@code ./bakery bench}: how many orders the open bakery takes per second, and how long
 * one takes from the till to the counter. It places orders of one item over HTTP, as any
 * customer would, at a fixed rate or with concurrent clients as fast as the till answers;
 * it follows each order to its {@code PACKED} record on {@code bakery.packaging-status}
 * (a consumer of its own, no group), and at the end asks the counter whether every order
 * is ready for pickup there, once. The counter's timelines say where the time went, hop
 * by hop.
 * <p>
 * Settings from the environment: {@code PRODUCT} (BREZEL), {@code SAMPLE} (how many
 * orders' timelines give the time per hop, 500), {@code PATIENCE_SECONDS} (how long to
 * wait for the last orders after the placing stopped, 120).
 */
public final class Bench {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One run.
	 *
	 * @param rate orders per second offered; {@link #MAX_RATE} for as fast as the till
	 * answers
	 * @param clients concurrent clients: at the most rate each places its next order when
	 * the last was answered; at a fixed rate they share the schedule
	 * @param duration how long orders are placed, and measured
	 * @param warmUp how long orders are placed the same way before that, and not measured
	 */
	public record Run(int rate, int clients, Duration duration, Duration warmUp) {

		public static final int MAX_RATE = 0;

		public boolean maxRate() {
			return this.rate == MAX_RATE;
		}

		/** The name of this run's files in docs/performance/: fixed-100, max-16. */
		public String name() {
			return maxRate() ? "max-" + this.clients : "fixed-" + this.rate;
		}

	}

	private final Bakery bakery;

	private final String bootstrapServers;

	private final Path results;

	private final PrintStream out;

	private final Run run;

	private final BakeryClient client;

	private final String product;

	private final int sample;

	private final Duration patience;

	/** Each order: {when placing it started, when the till answered} in nanoTime. */
	private final Map<String, long[]> placed = new ConcurrentHashMap<>();

	/**
	 * Each order seen PACKED: {when the bench saw it (nanoTime), its at (µs since the
	 * epoch)}.
	 */
	private final Map<String, long[]> packed = new ConcurrentHashMap<>();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicBoolean reading = new AtomicBoolean(true);

	private volatile boolean following;

	/** Whether the orders placed now count: not while warming up. */
	private volatile boolean measuring;

	private long startNanos;

	private long startEpochMicros;

	public Bench(Bakery bakery, PrintStream out, Path results, Run run, Map<String, String> environment) {
		this.bakery = bakery;
		this.bootstrapServers = bakery.bootstrapServers();
		this.results = results;
		this.out = out;
		this.run = run;
		this.client = new BakeryClient(bakery.site());
		this.product = environment.getOrDefault("PRODUCT", "BREZEL");
		this.sample = Integer.parseInt(environment.getOrDefault("SAMPLE", "500"));
		this.patience = Duration.ofSeconds(Integer.parseInt(environment.getOrDefault("PATIENCE_SECONDS", "120")));
	}

	/**
	 * Places, follows and reconciles the orders; prints the summary and writes the run's
	 * files.
	 */
	public BenchResults run() {
		Run bench = this.run;
		if (!this.client.tillAnswers()) {
			throw new BakeryFailure(
					"the till does not answer on localhost:" + this.bakery.port(Part.of(Department.CHECKOUT))
							+ ": open the bakery first (BAKERY_SIMULATION_TIME_SCALE=0 ./bakery up)");
		}
		Thread reader = new Thread(this::read, "bench-reader");
		reader.start();
		try {
			while (!this.following && reader.isAlive()) {
				Bakery.pause(Duration.ofMillis(50));
			}
			say(bench.maxRate()
					? "bench: %d clients place orders of one %s as fast as the till answers, for %d s ..."
						.formatted(bench.clients(), this.product, bench.duration().toSeconds())
					: "bench: %d orders/s of one %s offered for %d s ...".formatted(bench.rate(), this.product,
							bench.duration().toSeconds()));
			if (!bench.warmUp().isZero()) {
				// The bench's own code is cold at first, and the bakery goes from idle to
				// the rate: placed the same way, not measured.
				say("bench: warming up for %d s, the same way, not measured ...".formatted(bench.warmUp().toSeconds()));
				this.startNanos = System.nanoTime();
				place(bench, bench.warmUp());
			}
			this.measuring = true;
			Map<String, Duration> cpuBefore = cpuTimes();
			Instant started = Instant.now();
			this.startNanos = System.nanoTime();
			this.startEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, started);
			place(bench, bench.duration());
			say("bench: %d orders placed; following them to %s ...".formatted(this.placed.size(),
					Topics.PACKAGING_STATUS));
			long deadline = System.nanoTime() + this.patience.toNanos();
			while (!this.packed.keySet().containsAll(this.placed.keySet()) && System.nanoTime() < deadline) {
				Bakery.pause(Duration.ofMillis(200));
			}
			Map<String, Duration> cpu = used(cpuBefore, cpuTimes());
			this.reading.set(false);
			join(reader);
			say("bench: asking the counter for each order's timeline ...");
			Map<String, List<BakeryClient.TimelineStep>> timelines = timelines();
			BenchResults results = results(bench, started, timelines, cpu);
			this.out.print(results.summary());
			if (results.lost() > 0) {
				say("%d orders were still not ready for pickup at the counter after the bench waited %d s for them"
					.formatted(results.lost(), this.patience.toSeconds())
						+ " (PATIENCE_SECONDS waits longer for a bakery that falls behind)");
			}
			write(results);
			return results;
		}
		finally {
			this.reading.set(false);
			join(reader);
		}
	}

	private void place(Run bench, Duration duration) {
		if (bench.maxRate()) {
			placeAsFastAsPossible(bench.clients(), duration);
		}
		else {
			placeAtFixedRate(bench.rate(), bench.clients(), duration);
		}
	}

	/**
	 * Offers the orders at a fixed rate over as many connections as there are clients, as
	 * wrk2 does: each order is sent when it is due, or as soon as a client is free if all
	 * are busy, and its latency counts from when it was due (no coordinated omission). A
	 * slow till shows in the figures without being sent more requests at once than there
	 * are clients (a till has only so many terminals), which would cost the machine the
	 * bench shares with the bakery more than the orders themselves.
	 */
	private void placeAtFixedRate(int rate, int clients, Duration duration) {
		long period = TimeUnit.SECONDS.toNanos(1) / rate;
		long orders = duration.toSeconds() * rate;
		AtomicLong number = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				running.add(pool.submit(() -> {
					for (long n = number.getAndIncrement(); n < orders; n = number.getAndIncrement()) {
						long due = this.startNanos + n * period;
						for (long early = due - System.nanoTime(); early > 0; early = due - System.nanoTime()) {
							LockSupport.parkNanos(early);
						}
						answered(this.client.place("Bench " + n, this.product, 1).orElse(null), due);
					}
				}));
			}
			awaitAll(running, "a client failed: ");
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void placeAsFastAsPossible(int clients, Duration duration) {
		long end = this.startNanos + duration.toNanos();
		AtomicInteger number = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				running.add(pool.submit(() -> {
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						answered(this.client.place("Bench " + number.getAndIncrement(), this.product, 1).orElse(null),
								start);
					}
				}));
			}
			awaitAll(running, "a client failed: ");
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void answered(String orderId, long start) {
		if (!this.measuring) {
			return;
		}
		if (orderId == null) {
			this.refused.incrementAndGet();
			return;
		}
		this.placed.put(orderId, new long[] { start, System.nanoTime() });
	}

	/** Follows bakery.packaging-status from its end, as a consumer without a group. */
	private void read() {
		try (TopicReader consumer = TopicReader.fromTheEnd(Topics.PACKAGING_STATUS, this.bootstrapServers)) {
			this.following = true;
			while (this.reading.get()) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					long seen = System.nanoTime();
					JsonNode event = json(record.value());
					if (event != null && "PACKED".equals(event.path("status").asString())) {
						long at = event.path("at").isString()
								? ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(event.path("at").asString()))
								: Long.MIN_VALUE;
						this.packed.putIfAbsent(event.path("orderId").asString(), new long[] { seen, at });
					}
				}
			}
		}
	}

	/**
	 * Each order's timeline at the counter, once it is ready for pickup there or the
	 * patience is up; eight requests at a time.
	 */
	private Map<String, List<BakeryClient.TimelineStep>> timelines() {
		Map<String, List<BakeryClient.TimelineStep>> timelines = new ConcurrentHashMap<>();
		long deadline = System.nanoTime() + this.patience.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> asked = new ArrayList<>();
			for (String orderId : this.placed.keySet()) {
				asked.add(pool.submit(() -> {
					List<BakeryClient.TimelineStep> timeline = this.client.timeline(orderId);
					while (!ready(timeline) && System.nanoTime() < deadline) {
						Bakery.pause(Duration.ofMillis(500));
						timeline = this.client.timeline(orderId);
					}
					timelines.put(orderId, timeline);
				}));
			}
			awaitAll(asked, "the counter did not answer: ");
		}
		finally {
			pool.shutdownNow();
		}
		return timelines;
	}

	/**
	 * The CPU time each department has used so far, of those that answer; Kafka's and
	 * PostgreSQL's processes on this machine (with or without Docker, their processes are
	 * this machine's); and the bench's own.
	 */
	private Map<String, Duration> cpuTimes() {
		Map<String, Duration> times = new LinkedHashMap<>();
		for (Department department : Department.values()) {
			this.client.cpuTime(department).ifPresent((time) -> times.put(department.module(), time));
		}
		ProcessHandle.allProcesses().forEach((process) -> {
			ProcessHandle.Info info = process.info();
			String part = info.commandLine().orElse("").contains("kafka.Kafka") ? BenchResults.KAFKA
					: info.command().filter((command) -> command.endsWith("/postgres")).isPresent()
							? BenchResults.POSTGRES : null;
			if (part != null) {
				info.totalCpuDuration().ifPresent((time) -> times.merge(part, time, Duration::plus));
			}
		});
		ProcessHandle.current().info().totalCpuDuration().ifPresent((time) -> times.put(BenchResults.BENCH, time));
		return times;
	}

	/**
	 * What each department used between two readings (one that restarted is left out).
	 */
	private static Map<String, Duration> used(Map<String, Duration> before, Map<String, Duration> after) {
		Map<String, Duration> used = new LinkedHashMap<>();
		after.forEach((department, time) -> {
			Duration since = before.get(department);
			if (since != null && time.compareTo(since) >= 0) {
				used.put(department, time.minus(since));
			}
		});
		return used;
	}

	private BenchResults results(Run bench, Instant started, Map<String, List<BakeryClient.TimelineStep>> timelines,
			Map<String, Duration> cpu) {
		List<BenchResults.Order> orders = new ArrayList<>();
		List<String> ids = new ArrayList<>(this.placed.keySet());
		ids.sort(java.util.Comparator.comparingLong((String id) -> this.placed.get(id)[0]));
		for (String id : ids) {
			long[] times = this.placed.get(id);
			long[] seen = this.packed.get(id);
			orders
				.add(new BenchResults.Order(micros(times[0]), micros(times[1]), (seen != null) ? micros(seen[0]) : -1));
		}
		long lost = ids.stream().filter((id) -> !ready(timelines.get(id))).count();
		long doubledAtTheCounter = timelines.values().stream().mapToLong(Bench::repeated).sum();
		long doubledEvents;
		try {
			doubledEvents = new Outboxes(this.bakery).doubledEvents();
		}
		catch (BakeryFailure ex) {
			say(ex.getMessage() + " (doubled events not counted)");
			doubledEvents = 0;
		}
		return new BenchResults(bench, started, this.refused.get(), orders, hops(ids, timelines), lost,
				doubledAtTheCounter + doubledEvents, cpu, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Where the time of an order goes, from the counter's timelines of a sample of the
	 * orders (spread over the run) and the bench's own clock at both ends.
	 */
	private Map<String, Histogram> hops(List<String> ids, Map<String, List<BakeryClient.TimelineStep>> timelines) {
		Map<String, Histogram> hops = new LinkedHashMap<>();
		List<String> steps = List.of("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");
		hops.put("bench -> PLACED (till)", new Histogram(3));
		for (int i = 1; i < steps.size(); i++) {
			hops.put(steps.get(i - 1) + " -> " + steps.get(i), new Histogram(3));
		}
		hops.put("PACKED -> seen by the bench", new Histogram(3));
		int every = Math.max(1, (int) Math.ceil(ids.size() / (double) this.sample));
		for (int i = 0; i < ids.size(); i += every) {
			String id = ids.get(i);
			Map<String, Long> at = new LinkedHashMap<>();
			for (BakeryClient.TimelineStep step : timelines.getOrDefault(id, List.of())) {
				if (step.at() != null) {
					at.putIfAbsent(step.status(), ChronoUnit.MICROS.between(Instant.EPOCH, step.at()));
				}
			}
			if (!at.keySet().containsAll(steps)) {
				continue;
			}
			record(hops.get("bench -> PLACED (till)"), at.get("PLACED") - epochMicros(this.placed.get(id)[0]));
			for (int s = 1; s < steps.size(); s++) {
				record(hops.get(steps.get(s - 1) + " -> " + steps.get(s)),
						at.get(steps.get(s)) - at.get(steps.get(s - 1)));
			}
			long[] seen = this.packed.get(id);
			if (seen != null && seen[1] != Long.MIN_VALUE) {
				record(hops.get("PACKED -> seen by the bench"), epochMicros(seen[0]) - seen[1]);
			}
		}
		return hops;
	}

	/** Two clocks of one machine may differ by a few microseconds: never below zero. */
	private static void record(Histogram histogram, long micros) {
		histogram.recordValue(Math.max(0, micros));
	}

	private void write(BenchResults results) {
		try {
			Files.createDirectories(this.results);
			Path json = this.results.resolve(results.run().name() + ".json");
			Path svg = this.results.resolve(results.run().name() + ".svg");
			Files.writeString(json, results.json());
			Files.writeString(svg, results.svg());
			say("bench: wrote " + json + " and " + svg.getFileName());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long micros(long nanos) {
		return TimeUnit.NANOSECONDS.toMicros(nanos - this.startNanos);
	}

	private long epochMicros(long nanos) {
		return this.startEpochMicros + micros(nanos);
	}

	private static boolean ready(List<BakeryClient.TimelineStep> timeline) {
		return timeline != null && timeline.stream().anyMatch((step) -> step.status().equals("READY_FOR_PICKUP"));
	}

	/** Steps the timeline holds more than once. */
	private static long repeated(List<BakeryClient.TimelineStep> timeline) {
		return timeline.size() - timeline.stream().map(BakeryClient.TimelineStep::status).distinct().count();
	}

	private void say(String message) {
		this.out.println("bakery: " + message);
		this.out.flush();
	}

	private static JsonNode json(byte[] value) {
		try {
			return (value != null) ? JSON.readTree(value) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits for every task; the first that failed ends the benchmark with its cause. */
	private static void awaitAll(List<Future<?>> tasks, String failure) {
		try {
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new BakeryFailure(failure + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
