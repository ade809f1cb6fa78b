package dev.bakery.sales.shelf;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.Span;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.bakery.platform.tracing.Traceparents;
import dev.bakery.sales.counter.OrderStatus;

/**
 * Lets an order's status only move forward, and turns a hand-over into a tombstone. The
 * four topics are read side by side, so a late step (BAKED after PACKING, say) can arrive
 * after a later one; it is dropped, as is a step delivered twice. The store remembers
 * every order's furthest status, a handed-over one's too, so that a late step never puts
 * a collected order back on the shelf.
 * <p>
 * Each step is a span of its order's trace, {@code shelf}, a child of the span that sent
 * its record (Kafka Streams has no tracing of its own, but a processor sees the record's
 * {@code traceparent} header); the record it writes to {@code bakery.order-status}
 * carries the shelf's span instead.
 */
final class ForwardOnly implements FixedKeyProcessor<String, CurrentStatus, CurrentStatus> {

	private final Traceparents traces;

	private FixedKeyProcessorContext<String, CurrentStatus> context;

	private KeyValueStore<String, CurrentStatus> furthest;

	ForwardOnly(Traceparents traces) {
		this.traces = traces;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, CurrentStatus> context) {
		this.context = context;
		this.furthest = context.getStateStore(ShelfTopology.PROGRESS_STORE);
	}

	@Override
	public void process(FixedKeyRecord<String, CurrentStatus> record) {
		Span span = this.traces.continuing(Traceparents.in(record.headers()))
			.name("shelf")
			.kind(Span.Kind.CONSUMER)
			.tag("bakery.order.id", record.key())
			.tag("bakery.status", record.value().status().name())
			.start();
		try {
			CurrentStatus next = record.value();
			CurrentStatus known = this.furthest.get(record.key());
			boolean forward = known == null || next.isAfter(known);
			span.tag("bakery.shelf.forwarded", forward);
			if (!forward) {
				return;
			}
			this.furthest.put(record.key(), next);
			this.context.forward(record.withValue((next.status() == OrderStatus.HANDED_OVER) ? null : next)
				.withHeaders(inTraceOf(span, record.headers())));
		}
		finally {
			span.end();
		}
	}

	private Headers inTraceOf(Span span, Headers received) {
		Headers headers = new RecordHeaders(received.toArray());
		headers.remove(Traceparents.HEADER);
		String traceparent = this.traces.of(span);
		if (traceparent != null) {
			headers.add(Traceparents.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
		}
		return headers;
	}

}
