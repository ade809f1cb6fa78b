package dev.bakery.sales.shelf;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.bakery.sales.counter.OrderStatus;

/**
 * Lets an order's status only move forward, and turns a hand-over into a tombstone. The
 * four topics are read side by side, so a late step (BAKED after PACKING, say) can arrive
 * after a later one; it is dropped, as is a step delivered twice. The store remembers
 * every order's furthest status, a handed-over one's too, so that a late step never puts
 * a collected order back on the shelf.
 */
final class ForwardOnly implements FixedKeyProcessor<String, CurrentStatus, CurrentStatus> {

	private FixedKeyProcessorContext<String, CurrentStatus> context;

	private KeyValueStore<String, CurrentStatus> furthest;

	@Override
	public void init(FixedKeyProcessorContext<String, CurrentStatus> context) {
		this.context = context;
		this.furthest = context.getStateStore(ShelfTopology.PROGRESS_STORE);
	}

	@Override
	public void process(FixedKeyRecord<String, CurrentStatus> record) {
		CurrentStatus next = record.value();
		CurrentStatus known = this.furthest.get(record.key());
		if (known != null && !next.isAfter(known)) {
			return;
		}
		this.furthest.put(record.key(), next);
		this.context.forward(record.withValue((next.status() == OrderStatus.HANDED_OVER) ? null : next));
	}

}
