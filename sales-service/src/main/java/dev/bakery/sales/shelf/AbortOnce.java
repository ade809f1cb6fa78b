package dev.bakery.sales.shelf;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once lab's demo switch ({@code BAKERY_SHELF_ABORT_ONCE=true}): the first
 * status change after the start is passed on, then the transaction is held open for a few
 * seconds, long enough for its records to reach the broker, and then the processing
 * fails. Kafka Streams aborts the transaction and a new stream thread processes the same
 * input again, this time to the end. A consumer with
 * {@code isolation.level=read_uncommitted} sees the aborted records and the committed
 * ones; one with {@code read_committed} only the committed ones. Off in normal operation.
 */
final class AbortOnce implements FixedKeyProcessor<String, CurrentStatus, CurrentStatus> {

	private static final Logger log = LoggerFactory.getLogger(AbortOnce.class);

	// A second was not always enough on a busy machine with three brokers.
	private static final Duration HOLD = Duration.ofSeconds(3);

	private final AtomicBoolean armed;

	private FixedKeyProcessorContext<String, CurrentStatus> context;

	/**
	 * @param armed shared by all stream threads, so it fires once per process
	 */
	AbortOnce(AtomicBoolean armed) {
		this.armed = armed;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, CurrentStatus> context) {
		this.context = context;
	}

	@Override
	public void process(FixedKeyRecord<String, CurrentStatus> record) {
		this.context.forward(record);
		if (this.armed.compareAndSet(true, false)) {
			log.warn("bakery.shelf.abort-once: order {} {} is written inside the open transaction; failing it in {}",
					record.key(), (record.value() != null) ? record.value().status() : "tombstone", HOLD);
			holdTheTransactionOpen();
			throw new IllegalStateException("bakery.shelf.abort-once: the shelf's transaction is aborted on purpose");
		}
	}

	private static void holdTheTransactionOpen() {
		try {
			Thread.sleep(HOLD.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
