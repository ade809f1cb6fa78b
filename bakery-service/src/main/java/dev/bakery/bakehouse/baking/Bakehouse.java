package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.Menu;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;
import dev.bakery.events.WorkTimes;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.menu.MenuTable;
import dev.bakery.platform.work.StationWork;

/**
 * The bake house. An order goes into a free oven ({@code IN_OVEN}), bakes for its
 * simulated time and comes out ({@code BAKED}); while every oven is busy, the orders wait
 * in Kafka. How the ovens are fed from Kafka is the same for every department
 * ({@link dev.bakery.platform.work.Workstations}); this says what baking is, what this
 * instance can bake (its {@link #offers() menu}), which orders no oven may take, and
 * which it leaves to another bake house that can bake them.
 */
@Component
class Bakehouse implements StationWork<OrderPlaced> {

	private final BakehouseSettings settings;

	private final OrderRules rules;

	private final Menu offers;

	/** The bakery's menu as this instance knows it: its own offers, then every other. */
	private final Menu menu;

	private final MenuTable table;

	Bakehouse(BakehouseSettings settings, BakerySettings bakery, OrderRules rules, MenuTable table) {
		this.settings = settings;
		this.rules = rules;
		this.table = table;
		this.offers = settings.offers(Instant.now().truncatedTo(ChronoUnit.MICROS), bakery.instanceId());
		this.menu = new Menu() {

			@Override
			public Optional<ProductOffered> find(String product) {
				// What it offers itself is on the menu before its offer is on the topic.
				return Bakehouse.this.offers.find(product).or(() -> table.find(product));
			}

			@Override
			public List<ProductOffered> products() {
				return table.products();
			}

		};
	}

	/** What this instance can bake, as it offers it on {@code bakery.menu}. */
	Menu offers() {
		return this.offers;
	}

	@Override
	public String stationName() {
		return "oven";
	}

	@Override
	public int stations() {
		return this.settings.ovens();
	}

	@Override
	public String doneMeter() {
		return "bakery.orders.baked";
	}

	@Override
	public String timeMeter() {
		return "bakery.bake.time";
	}

	@Override
	public String topic() {
		return Topics.BAKING_STATUS;
	}

	@Override
	public UUID orderId(OrderPlaced order) {
		return order.orderId();
	}

	/** The products this instance can bake. */
	@Override
	public Set<String> skills() {
		return Set.copyOf(this.offers.names());
	}

	/**
	 * The products of the order that this instance cannot bake but another bake house
	 * offers: while an upgrade rolls, the order waits in Kafka for one that can.
	 */
	@Override
	public Set<String> lacks(OrderPlaced order) {
		Set<String> lacks = new TreeSet<>();
		for (OrderLine line : order.items()) {
			if (this.offers.find(line.product()).isEmpty() && this.table.find(line.product()).isPresent()) {
				lacks.add(line.product());
			}
		}
		return lacks;
	}

	@Override
	public void check(OrderPlaced order) {
		this.rules.check(order, this.menu);
	}

	@Override
	public Optional<Duration> work(OrderPlaced order) {
		return Optional.of(WorkTimes.baking(order.items(), this.offers));
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
