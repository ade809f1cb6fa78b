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

import dev.bakery.events.SalesStatusChanged;
import dev.bakery.events.Topics;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.outbox.Outbox;

/**
 * The counter. It follows every order through the events of all four topics, which may
 * arrive in any order across topics: the status only moves forward, and each step is
 * recorded once however often its event is delivered.
 */
@Service
public class Counter {

	private static final Logger log = LoggerFactory.getLogger(Counter.class);

	private final SalesOrders orders;

	private final Outbox outbox;

	private final String station;

	private final ApplicationEventPublisher events;

	Counter(SalesOrders orders, Outbox outbox, BakerySettings settings, ApplicationEventPublisher events) {
		this.orders = orders;
		this.outbox = outbox;
		this.station = settings.instanceId();
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
	 * Hands a ready order to its customer, and publishes that on
	 * {@link Topics#SALES_STATUS} through the outbox, in the same transaction: the shelf
	 * learns of it, and a rebuilt read model gets it back.
	 * @throws OrderNotFound if the counter has never heard of it
	 * @throws NotReadyForPickup if it is not ready (or was handed over already)
	 */
	@Transactional
	public SalesOrder handOver(UUID orderId) {
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (!this.orders.handOver(orderId, at, this.station)) {
			SalesOrder order = find(orderId);
			throw new NotReadyForPickup(orderId, order.status());
		}
		this.outbox.append(Topics.SALES_STATUS, orderId,
				new SalesStatusChanged(orderId, SalesStatusChanged.Status.HANDED_OVER, at, this.station));
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
