package dev.bakery.labs;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;

/**
 * {@code ./bakery lab trace}: one order's trace, from the till's request to the counter.
 * It places an order (or follows one placed before), waits until the counter has it ready
 * for pickup and Zipkin has its whole trace, and prints the trace as a tree (each span
 * with when it began and how long it took), then where the order's time went along its
 * way (the till, each outbox, each topic hop, each station), then the counter's timeline
 * of the same order to compare.
 */
public final class TraceLab {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final String TILL = Department.CHECKOUT.module();

	private static final String BAKEHOUSE = Department.BAKEHOUSE.module();

	private static final String PACKAGING = Department.PACKAGING.module();

	private static final String COUNTER = Department.SALES.module();

	/**
	 * A span of the trace, as Zipkin has it.
	 *
	 * @param id its id
	 * @param parentId its parent's id; null for the trace's root
	 * @param service the department that recorded it
	 * @param name what it is: {@code http post /orders}, {@code outbox bakery.orders},
	 * {@code bakery.orders send}, {@code bakery.orders process}, {@code oven}, ...
	 * @param kind SERVER, CLIENT, PRODUCER, CONSUMER; null for work inside a department
	 * @param start when it began, in microseconds since the epoch
	 * @param duration how long it took, in microseconds
	 */
	public record TracedSpan(String id, String parentId, String service, String name, String kind, long start,
			long duration) {

		static TracedSpan of(JsonNode span) {
			return new TracedSpan(span.path("id").asString(),
					span.path("parentId").isString() ? span.path("parentId").asString() : null,
					span.path("localEndpoint").path("serviceName").asString(), span.path("name").asString(),
					span.path("kind").isString() ? span.path("kind").asString() : null, span.path("timestamp").asLong(),
					span.path("duration").asLong());
		}

		boolean isA(String kind) {
			return kind.equals(this.kind);
		}

		boolean isOutbox() {
			return this.name.startsWith("outbox ");
		}

	}

	/**
	 * A stretch of the order's way, and how long it took.
	 *
	 * @param what the till, an outbox, a topic hop or a station
	 * @param took how long
	 */
	public record Stretch(String what, Duration took) {
	}

	/**
	 * @param orderId the order
	 * @param traceId its trace
	 * @param spans every span of the trace, the earliest first
	 * @param way the order's way from the till to the counter, stretch by stretch
	 */
	public record Result(String orderId, String traceId, List<TracedSpan> spans, List<Stretch> way) {

		/** The departments that recorded spans of the trace. */
		public Set<String> services() {
			return this.spans.stream().map(TracedSpan::service).collect(Collectors.toSet());
		}

		/** The span with this id, if the trace has it. */
		public Optional<TracedSpan> span(String id) {
			return this.spans.stream().filter((span) -> span.id().equals(id)).findFirst();
		}

	}

	private final Bakery bakery;

	private final PrintStream out;

	private final BakeryClient client;

	public TraceLab(Bakery bakery, PrintStream out) {
		this.bakery = bakery;
		this.out = out;
		this.client = new BakeryClient(bakery.site());
	}

	/**
	 * Follows an order to the counter and reads its trace.
	 * @param orderId an order placed before; empty: the lab places one
	 */
	public Result run(Optional<String> orderId) {
		if (!this.bakery.isServing(Part.of(Part.ZIPKIN))) {
			throw new BakeryFailure("Zipkin does not answer on port " + this.bakery.site().zipkinPort()
					+ ": ./bakery up opens it with the bakery");
		}
		String order = orderId.orElseGet(() -> {
			String placed = this.client.place("Trude", "BREZEL", 2)
				.orElseThrow(() -> new BakeryFailure("the till did not take Trude's order"));
			this.out.printf("Trude orders two pretzels (%s); following the order to the counter ...%n", placed);
			return placed;
		});
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<BakeryClient.TimelineStep> timeline = await(deadline, "the counter to have order " + order + " ready",
				() -> Optional.of(this.client.timeline(order))
					.filter((steps) -> steps.stream().anyMatch((step) -> step.status().equals("READY_FOR_PICKUP"))));
		String traceId = timeline.stream()
			.map(BakeryClient.TimelineStep::traceId)
			.filter((id) -> id != null)
			.findFirst()
			.orElseThrow(() -> new BakeryFailure("order " + order + " has no recorded trace: the till records at "
					+ "most bakery.tracing.traces-per-second new traces a second (10); place another"));
		Result result = await(deadline, "Zipkin to have the whole trace " + traceId, new Complete(order, traceId));
		print(result, timeline);
		return result;
	}

	/**
	 * The trace once the order's whole way is in it and nothing more has come for a
	 * second (the departments send their spans every second).
	 */
	private final class Complete implements Supplier<Optional<Result>> {

		private final String orderId;

		private final String traceId;

		private int spansBefore = -1;

		Complete(String orderId, String traceId) {
			this.orderId = orderId;
			this.traceId = traceId;
		}

		@Override
		public Optional<Result> get() {
			List<TracedSpan> spans = TraceLab.this.client.trace(this.traceId)
				.stream()
				.map(TracedSpan::of)
				.sorted(Comparator.comparingLong(TracedSpan::start))
				.toList();
			Optional<List<Stretch>> way = way(spans);
			boolean settled = spans.size() == this.spansBefore;
			this.spansBefore = spans.size();
			if (way.isEmpty() || !settled) {
				Bakery.pause(Duration.ofMillis(1200));
				return Optional.empty();
			}
			return Optional.of(new Result(this.orderId, this.traceId, spans, way.get()));
		}

	}

	/**
	 * The order's way through the trace: the span the till recorded the order in, its
	 * outbox and send, the bake house's receipt and oven, its outbox and send of BAKED,
	 * packaging's receipt and station, its outbox and send of PACKED, the counter's
	 * receipt; empty while a span of it is missing.
	 */
	static Optional<List<Stretch>> way(List<TracedSpan> spans) {
		Map<String, TracedSpan> byId = spans.stream()
			.collect(Collectors.toMap(TracedSpan::id, Function.identity(), (first, second) -> first));
		Optional<TracedSpan> tillOutbox = first(spans, (span) -> span.service().equals(TILL)
				&& span.name().equals("outbox bakery.orders") && byId.containsKey(span.parentId()));
		if (tillOutbox.isEmpty()) {
			return Optional.empty();
		}
		TracedSpan till = byId.get(tillOutbox.get().parentId());
		Optional<TracedSpan> tillSend = sendOf(spans, tillOutbox.get());
		Optional<TracedSpan> bakehouse = tillSend.flatMap((send) -> receiptOf(spans, send, BAKEHOUSE));
		Optional<TracedSpan> oven = bakehouse.flatMap((receipt) -> stationOf(spans, receipt));
		Optional<TracedSpan> bakedOutbox = oven.flatMap((station) -> lastOutboxOf(spans, station));
		Optional<TracedSpan> bakedSend = bakedOutbox.flatMap((outbox) -> sendOf(spans, outbox));
		Optional<TracedSpan> packaging = bakedSend.flatMap((send) -> receiptOf(spans, send, PACKAGING));
		Optional<TracedSpan> packing = packaging.flatMap((receipt) -> stationOf(spans, receipt));
		Optional<TracedSpan> packedOutbox = packing.flatMap((station) -> lastOutboxOf(spans, station));
		Optional<TracedSpan> packedSend = packedOutbox.flatMap((outbox) -> sendOf(spans, outbox));
		Optional<TracedSpan> counter = packedSend.flatMap((send) -> receiptOf(spans, send, COUNTER));
		if (counter.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(List.of(new Stretch("the till takes the order", micros(till.duration())),
				between("waits in the till's outbox", tillOutbox.get(), tillSend.get()),
				between("bakery.orders → the bake house", tillSend.get(), bakehouse.get()),
				new Stretch("at the " + oven.get().name(), micros(oven.get().duration())),
				between("waits in the bake house's outbox", bakedOutbox.get(), bakedSend.get()),
				between("bakery.baking-status → packaging", bakedSend.get(), packaging.get()),
				new Stretch("at the " + packing.get().name(), micros(packing.get().duration())),
				between("waits in packaging's outbox", packedOutbox.get(), packedSend.get()),
				between("bakery.packaging-status → the counter", packedSend.get(), counter.get()),
				between("from the till to the counter", till, counter.get())));
	}

	/** The send of an outbox's event: the span spring-kafka's observation records. */
	private static Optional<TracedSpan> sendOf(List<TracedSpan> spans, TracedSpan outbox) {
		return first(spans, (span) -> outbox.id().equals(span.parentId()) && span.isA("PRODUCER"));
	}

	/** A department's listener receiving the record a send wrote. */
	private static Optional<TracedSpan> receiptOf(List<TracedSpan> spans, TracedSpan send, String service) {
		return first(spans, (span) -> send.id().equals(span.parentId()) && span.isA("CONSUMER")
				&& span.service().equals(service) && span.name().endsWith(" process"));
	}

	/** The record's work at a station (the only child of a receipt that is no outbox). */
	private static Optional<TracedSpan> stationOf(List<TracedSpan> spans, TracedSpan receipt) {
		return first(spans, (span) -> receipt.id().equals(span.parentId()) && !span.isOutbox() && span.kind() == null);
	}

	/** The event that reports a station's work done: the last it recorded. */
	private static Optional<TracedSpan> lastOutboxOf(List<TracedSpan> spans, TracedSpan station) {
		return spans.stream()
			.filter((span) -> station.id().equals(span.parentId()) && span.isOutbox())
			.max(Comparator.comparingLong(TracedSpan::start));
	}

	private static Optional<TracedSpan> first(List<TracedSpan> spans, Predicate<TracedSpan> which) {
		return spans.stream().filter(which).findFirst();
	}

	private static Stretch between(String what, TracedSpan from, TracedSpan to) {
		return new Stretch(what, micros(to.start() - from.start()));
	}

	private static Duration micros(long micros) {
		return Duration.ofNanos(micros * 1000);
	}

	private <T> T await(long deadline, String what, Supplier<Optional<T>> check) {
		while (true) {
			Optional<T> done = check.get();
			if (done.isPresent()) {
				return done.get();
			}
			if (System.nanoTime() > deadline) {
				throw new BakeryFailure("waited " + PATIENCE.toMinutes() + " minutes for " + what);
			}
			Bakery.pause(Duration.ofMillis(300));
		}
	}

	private void print(Result result, List<BakeryClient.TimelineStep> timeline) {
		long origin = result.spans().get(0).start();
		this.out.printf("%nOrder %s: its trace %s has %d spans in %d departments.%n", result.orderId(),
				result.traceId(), result.spans().size(), result.services().size());
		this.out.printf("%n  %9s %9s  %-18s %s%n", "at ms", "took ms", "department",
				"span (indented under its parent)");
		List<TracedSpan> roots = result.spans()
			.stream()
			.filter((span) -> span.parentId() == null || result.span(span.parentId()).isEmpty())
			.toList();
		for (TracedSpan root : roots) {
			printTree(result, root, 0, origin);
		}
		this.out.printf("%nOpen it in Zipkin: %s%n",
				this.bakery.zipkin().resolve("/zipkin/traces/" + result.traceId()));
		this.out.printf("%nWhere the time went, along the order's way (ms):%n");
		for (Stretch stretch : result.way()) {
			this.out.printf("  %-42s %9s%n", stretch.what(), millis(stretch.took().toNanos() / 1000));
		}
		this.out.printf("%nThe counter's timeline of the same order (when each department says it did its step, ms "
				+ "after PLACED):%n");
		for (BakeryClient.TimelineStep step : timeline) {
			this.out.printf("  %-18s %9s  %s%n", step.status(),
					millis(ChronoUnit.MICROS.between(timeline.get(0).at(), step.at())), step.station());
		}
	}

	private void printTree(Result result, TracedSpan span, int depth, long origin) {
		this.out.printf("  %9s %9s  %-18s %s%s%n", millis(span.start() - origin), millis(span.duration()),
				span.service(), "  ".repeat(depth), span.name());
		List<TracedSpan> children = new ArrayList<>(
				result.spans().stream().filter((child) -> span.id().equals(child.parentId())).toList());
		children.sort(Comparator.comparingLong(TracedSpan::start));
		for (TracedSpan child : children) {
			printTree(result, child, depth + 1, origin);
		}
	}

	private static String millis(long micros) {
		return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
	}

}
