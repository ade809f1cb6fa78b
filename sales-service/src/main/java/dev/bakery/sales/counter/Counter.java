package dev.bakery.sales.counter;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.tracing.Traceparents;

/**
 * The counter. It follows every order through the events of all four topics, which may
 * arrive in any order across topics: the status only moves forward, and each step is
 * recorded once however often its event is delivered.
 * <p>
 * Its listeners take what one poll brought as a batch, and the counter records it in one
 * transaction. If that fails, it records the batch record by record, so that the record
 * that fails is the one the error handler retries or dead-letters, as with a listener
 * that takes one record at a time.
 * <p>
 * spring-kafka gives each record of a batch a span of its order's trace
 * ({@link CounterListenersConfiguration}), and each step keeps the id of its trace, which
 * the timeline shows and the step's log line carries.
 */
@Service
public class Counter {

	private static final Logger log = LoggerFactory.getLogger(Counter.class);

	private final SalesOrders orders;

	private final Outbox outbox;

	private final String station;

	private static final LogAccessor logAccessor = new LogAccessor(Counter.class);

	/**
	 * Rows of one order are always locked in the same order, whichever listener's batch
	 * holds them, so two batches never wait for each other's locks.
	 */
	private static final Comparator<Step> BY_ORDER = Comparator.comparing(Step::orderId);

	private final TransactionTemplate transactions;

	private final Traceparents traces;

	/**
	 * The counter's meters: the orders handed over, and each order's time from placed to
	 * ready.
	 */
	private final io.micrometer.core.instrument.Counter handedOver;

	private final Timer placedToReady;

	Counter(SalesOrders orders, Outbox outbox, BakerySettings settings, TransactionTemplate transactions,
			MeterRegistry meters, Traceparents traces) {
		this.orders = orders;
		this.outbox = outbox;
		this.station = settings.instanceId();
		this.transactions = transactions;
		this.traces = traces;
		this.handedOver = io.micrometer.core.instrument.Counter.builder("bakery.orders.handed.over")
			.description("Orders handed over to their customers at the counter")
			.register(meters);
		this.placedToReady = Timer.builder("bakery.order.ready.time")
			.description("An order's end-to-end time: from placed at the till to ready for pickup, by the departments'"
					+ " clocks (counted when the counter has both steps; a rebuilt read model counts its orders again)")
			.register(meters);
	}

	/**
	 * Records the steps the records of one poll carry, up to the first record that cannot
	 * be read, which then goes to the error handler.
	 * @param records the batch, in the order of each partition
	 * @param step the step a record carries
	 */
	<E> void record(List<ConsumerRecord<String, E>> records, Function<ConsumerRecord<String, E>, Step> step) {
		List<Step> steps = new ArrayList<>(records.size());
		RuntimeException unreadable = null;
		for (ConsumerRecord<String, E> record : records) {
			DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
			if (failure != null) {
				unreadable = new BatchListenerFailedException("Cannot read the record", failure, record);
				break;
			}
			try {
				steps.add(step.apply(record));
			}
			catch (RuntimeException ex) {
				unreadable = new BatchListenerFailedException("Cannot read the record", ex, record);
				break;
			}
		}
		try {
			this.transactions.executeWithoutResult((transaction) -> record(steps));
		}
		catch (RuntimeException ex) {
			for (int i = 0; i < steps.size(); i++) {
				Step one = steps.get(i);
				try {
					this.transactions.executeWithoutResult((transaction) -> record(List.of(one)));
				}
				catch (RuntimeException failure) {
					throw new BatchListenerFailedException("Cannot record the step", failure, records.get(i));
				}
			}
		}
		if (unreadable != null) {
			throw unreadable;
		}
	}

	private void record(List<Step> steps) {
		List<Step> inLockOrder = new ArrayList<>(steps);
		inLockOrder.sort(BY_ORDER);
		List<Duration> ready = this.orders.record(inLockOrder);
		if (!ready.isEmpty()) {
			afterCommit(() -> ready.forEach(this.placedToReady::record));
		}
		for (Step step : steps) {
			logRecorded(step);
		}
	}

	/**
	 * The step's log line, with its trace id where the logging pattern puts one (the
	 * batch is recorded outside any one record's span).
	 */
	private static void logRecorded(Step step) {
		String traceId = Traceparents.traceId(step.traceparent());
		if (traceId == null) {
			log.info("Order {} {} ({}-{}@{})", step.orderId(), step.status(), step.topic(), step.partition(),
					step.offset());
			return;
		}
		try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", traceId)) {
			log.info("Order {} {} ({}-{}@{})", step.orderId(), step.status(), step.topic(), step.partition(),
					step.offset());
		}
	}

	/**
	 * Hands a ready order to its customer, and publishes that on
	 * {@link Topics#SALES_STATUS} through the outbox, in the same transaction: the shelf
	 * learns of it, and a rebuilt read model gets it back.
	 * @throws NotAtTheCounter if the counter has never heard of it
	 * @throws NotReadyForPickup if it is not ready (or was handed over already)
	 */
	@Transactional
	public SalesOrder handOver(UUID orderId) {
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (!this.orders.handOver(orderId, at, this.station, this.traces.current())) {
			SalesOrder order = find(orderId);
			throw new NotReadyForPickup(orderId, order.status());
		}
		this.outbox.append(Topics.SALES_STATUS, orderId,
				new SalesStatusChanged(orderId, SalesStatusChanged.Status.HANDED_OVER, at, this.station));
		log.info("Order {} HANDED_OVER", orderId);
		afterCommit(this.handedOver::increment);
		return find(orderId);
	}

	/**
	 * Counts once the transaction has committed: one rolled back and tried again counts
	 * once.
	 */
	private static void afterCommit(Runnable count) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				count.run();
			}

		});
	}

	@Transactional(readOnly = true)
	public SalesOrder find(UUID orderId) {
		return this.orders.find(orderId).orElseThrow(() -> new NotAtTheCounter(orderId));
	}

	@Transactional(readOnly = true)
	public List<SalesOrder.Summary> list(OrderStatus status, int limit) {
		return this.orders.list(status, limit);
	}

	/** How many orders the counter knows in each status, every status named. */
	@Transactional(readOnly = true)
	public Map<OrderStatus, Long> countByStatus() {
		return this.orders.countByStatus();
	}

}
