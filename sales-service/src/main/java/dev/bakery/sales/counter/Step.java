package dev.bakery.sales.counter;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.bakery.platform.tracing.Traceparents;

/**
 * One step of an order, as the counter learns of it.
 *
 * @param orderId the order
 * @param status the status it reached
 * @param customer who ordered, if this step says so
 * @param at when the department did it
 * @param station which instance of the department did it
 * @param topic the topic of the record that carried the step
 * @param partition its partition
 * @param offset its offset
 * @param traceparent the trace the step belongs to (the record's {@code traceparent}
 * header, or the hand-over's request); null if none
 */
record Step(UUID orderId, OrderStatus status, String customer, Instant at, String station, String topic,
		Integer partition, Long offset, String traceparent) {

	static Step of(ConsumerRecord<String, ?> record, UUID orderId, OrderStatus status, String customer, Instant at,
			String station) {
		return new Step(orderId, status, customer, at, station, record.topic(), record.partition(), record.offset(),
				Traceparents.in(record.headers()));
	}

	/** The step's trace, if it is recorded (Zipkin has it). */
	String traceId() {
		return Traceparents.sampledTraceId(this.traceparent);
	}

}
