package dev.bakery.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderPlaced;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station whose work the test controls: an order stays at it until the test lets it go,
 * however long its work is said to take. It works like an oven: it takes
 * {@link OrderPlaced} and reports {@code IN_OVEN}, then {@code BAKED}.
 */
final class ControlledStation implements StationWork<OrderPlaced>, Workstations.StationTime {

	/**
	 * How long every order's work is said to take, before the time scale: when another
	 * member expects it to be done.
	 */
	static final Duration WORK = Duration.ofSeconds(1);

	private final int stations;

	private final String topic;

	/** The orders at a station now, each waiting to be let go. */
	private final Map<UUID, CountDownLatch> held = new ConcurrentHashMap<>();

	private final List<UUID> arrivals = new CopyOnWriteArrayList<>();

	/** Whether every order goes through at once. */
	private volatile boolean open;

	private ControlledStation(int stations, String topic, boolean open) {
		this.stations = stations;
		this.topic = topic;
		this.open = open;
	}

	/** Stations that hold every order until the test lets it go. */
	static ControlledStation holding(int stations, String topic) {
		return new ControlledStation(stations, topic, false);
	}

	/** Stations whose orders go through at once. */
	static ControlledStation open(int stations, String topic) {
		return new ControlledStation(stations, topic, true);
	}

	@Override
	public void pass(UUID orderId, Duration duration) throws InterruptedException {
		this.arrivals.add(orderId);
		CountDownLatch done = new CountDownLatch(1);
		// Registered before the look at the flag: letGoAll() either sees it or opened
		// first.
		this.held.put(orderId, done);
		try {
			if (!this.open) {
				done.await();
			}
		}
		finally {
			this.held.remove(orderId, done);
		}
	}

	/** Lets an order at a station go: its work is done. */
	void letGo(UUID orderId) {
		CountDownLatch done = this.held.get(orderId);
		assertThat(done).as("order %s at a station", orderId).isNotNull();
		done.countDown();
	}

	/** Lets every order go, now and from now on. */
	void letGoAll() {
		this.open = true;
		this.held.values().forEach(CountDownLatch::countDown);
	}

	/** The orders at a station now. */
	Set<UUID> atStation() {
		return Set.copyOf(this.held.keySet());
	}

	/** Every order that came to a station, as often as it came. */
	List<UUID> arrivals() {
		return List.copyOf(this.arrivals);
	}

	@Override
	public String stationName() {
		return "controlled-station";
	}

	@Override
	public int stations() {
		return this.stations;
	}

	@Override
	public String doneMeter() {
		return "bakery.test.done";
	}

	@Override
	public String timeMeter() {
		return "bakery.test.time";
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public UUID orderId(OrderPlaced order) {
		return order.orderId();
	}

	@Override
	public Optional<Duration> work(OrderPlaced order) {
		return Optional.of(WORK);
	}

	@Override
	public BakingStatusChanged started(OrderPlaced order, Instant at, String station) {
		return new BakingStatusChanged(order.orderId(), BakingStatusChanged.Status.IN_OVEN, order.items(), at, station);
	}

	@Override
	public BakingStatusChanged finished(OrderPlaced order, Instant at, String station) {
		return new BakingStatusChanged(order.orderId(), BakingStatusChanged.Status.BAKED, order.items(), at, station);
	}

}
