package dev.bakery.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An order's trace as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}), the form in which it crosses what
 * Micrometer's instrumentation does not see: the outbox table between a department's
 * transaction and the relay's send, a station's thread, a Kafka Streams record. The Kafka
 * and HTTP hops carry it by themselves (spring-kafka's and Spring MVC's observations).
 */
public final class Traceparents {

	/** The W3C header, and the outbox's column, that carries it. */
	public static final String HEADER = "traceparent";

	private static final Propagator.Getter<String> ITSELF = (traceparent, key) -> HEADER.equals(key) ? traceparent
			: null;

	private final Tracer tracer;

	private final Propagator propagator;

	public Traceparents(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Without a tracer: nothing is traced (unit tests of parts that trace). */
	public static Traceparents none() {
		return new Traceparents(Tracer.NOOP, Propagator.NOOP);
	}

	/** The current span's traceparent; null outside any span. */
	public String current() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? of(span) : null;
	}

	/** A span's traceparent; null if it is not traced. */
	public String of(Span span) {
		Map<String, String> carrier = new HashMap<>(4);
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * A span that continues the trace a traceparent names, as a child of its span; with
	 * no traceparent, a span that begins a trace of its own. Whether it is recorded
	 * follows the traceparent's flag (the sampler is parent-based): an order's trace is
	 * recorded whole or not at all.
	 */
	public Span.Builder continuing(String traceparent) {
		if (traceparent == null) {
			return this.tracer.spanBuilder().setNoParent();
		}
		return this.propagator.extract(traceparent, ITSELF);
	}

	/**
	 * Runs work with the span current on this thread (its log lines carry the trace id,
	 * and what it records, in the outbox say, continues the trace), then ends it.
	 */
	public void within(Span span, Runnable work) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Runs work with the span current on this thread, and leaves it open: what work sends
	 * to Kafka continues its trace.
	 */
	public <T> T inScope(Span span, Supplier<T> work) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
	}

	/**
	 * The traceparent a record carries; null if it has none, or one without a value (as
	 * Debezium's relay sends for an outbox row recorded outside any span).
	 */
	public static String in(Headers headers) {
		Header header = headers.lastHeader(HEADER);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * The trace id a traceparent names, whether its trace is recorded or not: what a log
	 * line carries. Null for no traceparent, or one that is not one.
	 */
	public static String traceId(String traceparent) {
		String[] parts = parts(traceparent);
		return (parts != null) ? parts[1] : null;
	}

	/**
	 * The trace id a traceparent names, if its trace is recorded (its sampled flag is
	 * set: Zipkin has it); null otherwise.
	 */
	public static String sampledTraceId(String traceparent) {
		String[] parts = parts(traceparent);
		return (parts != null && (Integer.parseInt(parts[3], 16) & 1) == 1) ? parts[1] : null;
	}

	/** version, trace id, span id, flags; null if it is no traceparent. */
	private static String[] parts(String traceparent) {
		if (traceparent == null) {
			return null;
		}
		String[] parts = traceparent.strip().split("-");
		boolean valid = parts.length >= 4 && parts[1].matches("[0-9a-f]{32}") && parts[2].matches("[0-9a-f]{16}")
				&& parts[3].matches("[0-9a-f]{2}");
		return valid ? parts : null;
	}

}
