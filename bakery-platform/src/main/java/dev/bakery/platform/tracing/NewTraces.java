package dev.bakery.platform.tracing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Which new traces are recorded: at most so many a second, so that tracing costs the same
 * in the morning rush as in a quiet hour (every order of a class, a sample of a
 * benchmark); and none that begins with a read (an HTTP GET, HEAD or OPTIONS: the board's
 * polling, health checks), which carries no order anywhere. A span with a parent never
 * gets here: {@code Sampler.parentBased} follows the parent's decision, so an order's
 * trace is recorded whole or not at all.
 * <p>
 * Written here because OpenTelemetry's SDK has no rate-limiting sampler (Brave has one;
 * the contrib one is alpha and rewrites {@code tracestate}) and Spring Boot offers a
 * probability only, which costs more the more orders come.
 */
final class NewTraces implements Sampler {

	/**
	 * The names Spring MVC gives a request's span when it begins (before the path pattern
	 * is known): {@code http get}.
	 */
	private static final List<String> READS = List.of("http get", "http head", "http options");

	private static final long SECOND = 1_000_000_000L;

	private final int perSecond;

	private final LongSupplier nanoTime;

	private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);

	private final AtomicInteger taken = new AtomicInteger();

	NewTraces(int perSecond) {
		this(perSecond, System::nanoTime);
	}

	NewTraces(int perSecond, LongSupplier nanoTime) {
		this.perSecond = perSecond;
		this.nanoTime = nanoTime;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		if (spanKind == SpanKind.SERVER && isRead(name)) {
			return SamplingResult.drop();
		}
		return take() ? SamplingResult.recordAndSample() : SamplingResult.drop();
	}

	private static boolean isRead(String name) {
		return READS.stream().anyMatch((read) -> name.equals(read) || name.startsWith(read + " "));
	}

	/** One of this second's traces, if any is left. */
	private boolean take() {
		long now = this.nanoTime.getAsLong() / SECOND;
		long counted = this.second.get();
		if (now != counted && this.second.compareAndSet(counted, now)) {
			this.taken.set(0);
		}
		return this.taken.incrementAndGet() <= this.perSecond;
	}

	@Override
	public String getDescription() {
		return "NewTraces{perSecond=" + this.perSecond + ", reads=none}";
	}

}
