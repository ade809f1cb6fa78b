package dev.bakery.sales.counter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The counter. It follows every order through the events of all three topics, which may
 * arrive in any order across topics: the status only moves forward, and each step is
 * recorded once however often its event is delivered.
 */
@Service
public class Counter {

	private static final Logger log = LoggerFactory.getLogger(Counter.class);

	private final SalesOrders orders;

	private final ApplicationEventPublisher events;

	Counter(SalesOrders orders, ApplicationEventPublisher events) {
		this.orders = orders;
		this.events = events;
	}

	@Transactional
	void record(Step step) {
		this.orders.record(step);
		log.info("Order {} {} ({}-{}@{})", step.orderId(), step.status(), step.topic(), step.partition(),
				step.offset());
		this.events.publishEvent(new StepRecorded(step.orderId(), step.status()));
	}

	/**
	 * Hands a ready order to its customer.
	 * @throws OrderNotFound if the counter has never heard of it
	 * @throws NotReadyForPickup if it is not ready (or was handed over already)
	 */
	@Transactional
	public SalesOrder handOver(UUID orderId) {
		if (!this.orders.handOver(orderId, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
			SalesOrder order = find(orderId);
			throw new NotReadyForPickup(orderId, order.status());
		}
		log.info("Order {} HANDED_OVER", orderId);
		this.events.publishEvent(new StepRecorded(orderId, OrderStatus.HANDED_OVER));
		return find(orderId);
	}

	@Transactional(readOnly = true)
	public SalesOrder find(UUID orderId) {
		return this.orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
	}

	@Transactional(readOnly = true)
	public List<SalesOrder.Summary> list(OrderStatus status, int limit) {
		return this.orders.list(status, limit);
	}

}
