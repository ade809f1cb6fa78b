package dev.bakery.checkout.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.platform.outbox.Outbox;

/**
 * Takes orders: stores each one and its {@link OrderPlaced} event in one transaction, so
 * that an accepted order is always announced and an announced order always exists. The
 * outbox relay publishes the event; if Kafka is away, the order is still taken and
 * announced once Kafka is back.
 */
@Service
public class Checkout {

	/** The till's counter of the orders it took (an idempotent retry is no new order). */
	static final String PLACED_METER = "bakery.orders.placed";

	private final Orders orders;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Counter placed;

	Checkout(Orders orders, Outbox outbox, TransactionTemplate transactions, MeterRegistry meters) {
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.placed = Counter.builder(PLACED_METER)
			.description("Orders the till took and stored with their OrderPlaced event")
			.register(meters);
	}

	/**
	 * Places an order. With an idempotency key, a retry of the same request returns the
	 * order the first one created and creates nothing new.
	 * @param request a validated request
	 * @param idempotencyKey the client's key for this request, or {@code null}
	 * @return the order, and whether it was placed just now
	 * @throws IdempotencyKeyReused if the key was used before for a different request
	 */
	public Placed place(PlaceOrder request, String idempotencyKey) {
		String fingerprint = fingerprint(request);
		if (idempotencyKey != null) {
			Placed earlier = placedBefore(idempotencyKey, fingerprint);
			if (earlier != null) {
				return earlier;
			}
		}
		try {
			Order order = this.transactions.execute((transaction) -> store(request, idempotencyKey, fingerprint));
			// Committed: the order is taken.
			this.placed.increment();
			return new Placed(order, true);
		}
		catch (DuplicateKeyException ex) {
			// The same key raced in on another request, which won; answer as for a retry.
			return placedBefore(idempotencyKey, fingerprint);
		}
	}

	private Order store(PlaceOrder request, String idempotencyKey, String fingerprint) {
		Order order = new Order(UUID.randomUUID(), request.customer().strip(),
				request.items().stream().map((line) -> new OrderLine(line.product(), line.quantity())).toList(),
				Order.PLACED, Instant.now().truncatedTo(ChronoUnit.MICROS));
		this.orders.add(order, idempotencyKey, fingerprint);
		this.outbox.append(Topics.ORDERS, order.orderId(),
				new OrderPlaced(order.orderId(), order.customer(), order.items(), order.placedAt()));
		return order;
	}

	private Placed placedBefore(String idempotencyKey, String fingerprint) {
		return this.orders.findByIdempotencyKey(idempotencyKey).map((keyed) -> {
			if (!keyed.fingerprint().equals(fingerprint)) {
				throw new IdempotencyKeyReused(idempotencyKey);
			}
			return new Placed(this.orders.find(keyed.orderId()).orElseThrow(), false);
		}).orElse(null);
	}

	/** The order with this id. */
	public Order find(UUID orderId) {
		return this.orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
	}

	private static String fingerprint(PlaceOrder request) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(request.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param order the order
	 * @param isNew false when an idempotent retry found an order placed before
	 */
	public record Placed(Order order, boolean isNew) {
	}

}
