package dev.bakery.sales.shelf;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Passes on the first record of each key and drops every later one. The bake house's
 * outbox relay delivers at least once: should it send an order's BAKED event twice, its
 * pieces are still counted once. (Exactly-once covers what the shelf reads and writes,
 * not a copy that is already on its input topic.) The store keeps one small record per
 * order, like {@link ForwardOnly}'s.
 */
final class FirstOnly<V> implements FixedKeyProcessor<String, V, V> {

	private final String storeName;

	private FixedKeyProcessorContext<String, V> context;

	private KeyValueStore<String, Long> seen;

	FirstOnly(String storeName) {
		this.storeName = storeName;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, V> context) {
		this.context = context;
		this.seen = context.getStateStore(this.storeName);
	}

	@Override
	public void process(FixedKeyRecord<String, V> record) {
		if (this.seen.putIfAbsent(record.key(), record.timestamp()) == null) {
			this.context.forward(record);
		}
	}

}
