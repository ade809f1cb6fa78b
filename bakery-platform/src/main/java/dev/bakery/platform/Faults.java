package dev.bakery.platform;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * A department that dies at a chosen point of its work, for the fault soak
 * ({@code ./bakery up --faults}), armed while it runs through {@link FaultEndpoint}:
 * {@code after-commit} ends it right after a Kafka listener's database transaction
 * committed and before the record's offset is committed; {@code before-send} right after
 * the outbox relay read its events and before it sent them. It ends with
 * {@code Runtime.halt}, as kill -9 would: no shutdown hook, no goodbye to the broker or
 * the database. Unarmed ({@code none}) unless armed.
 */
public final class Faults implements TransactionExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(Faults.class);

	/** Where a department dies. */
	public enum Point {

		NONE, AFTER_COMMIT, BEFORE_SEND

	}

	private volatile Point armed = Point.NONE;

	public void arm(Point point) {
		this.armed = point;
		log.warn("fault armed ({}): this instance will die at that point of its work, as kill -9 would", point);
	}

	public Point armed() {
		return this.armed;
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		// On a listener container's thread, KafkaUtils knows the consumer group.
		if (this.armed == Point.AFTER_COMMIT && commitFailure == null && !transaction.isReadOnly()
				&& KafkaUtils.getConsumerGroupId() != null) {
			die("after its database commit, before its offset commit");
		}
	}

	/** The outbox relay has read its events and is about to send them. */
	public void beforeSend() {
		if (this.armed == Point.BEFORE_SEND) {
			die("between the outbox insert and the relay's send");
		}
	}

	private static void die(String where) {
		log.error("fault: dying now, {} (no shutdown hooks, as kill -9)", where);
		Runtime.getRuntime().halt(137);
	}

}
