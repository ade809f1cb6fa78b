package dev.bakery.events;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules every order keeps, written once, beside the contract. The till refuses an
 * order that breaks one with a problem naming the field; every department that reads an
 * order, or the baked goods of one, dead-letters a record that breaks one with the rule's
 * name, before the record takes a station. The rules on a single value (a quantity, the
 * customer's name, the number of lines) hold wherever an {@link OrderLine} or an
 * {@link OrderPlaced} is made, in their constructors; the rules that need to know more
 * (the {@link Menu}, how long a station may work) are checked by an instance of this
 * class, made with those limits.
 */
public final class OrderRules {

	/** The longest customer name the till writes on a bag. */
	public static final int MAX_CUSTOMER_LENGTH = 60;

	/** The most lines one order may have. */
	public static final int MAX_LINES = 20;

	/** The most of one product one line may ask for. */
	public static final int MAX_QUANTITY = 50;

	/** The rules, each with the name a dead letter carries in its header. */
	public enum Rule {

		/** The customer's name: not blank, plain text, short enough for a bag. */
		CUSTOMER("customer"),

		/** An order has 1 to {@value #MAX_LINES} lines. */
		LINES("lines"),

		/** A line asks for 1 to {@value #MAX_QUANTITY} pieces. */
		QUANTITY("quantity"),

		/** Every product is on the menu the bake houses offer. */
		ON_THE_MENU("on-the-menu"),

		/**
		 * One station can bake it, and one can pack it, within
		 * {@code bakery.longest-work} at the time scale.
		 */
		FITS_A_STATION("fits-a-station");

		private final String id;

		Rule(String id) {
			this.id = id;
		}

		/** The rule's name, e.g. {@code fits-a-station}. */
		public String id() {
			return this.id;
		}

	}

	private final Duration longestWork;

	private final double timeScale;

	/**
	 * @param longestWork how long one station may work on one order, at this time scale
	 * ({@code bakery.longest-work})
	 * @param timeScale how fast simulated work runs ({@code bakery.time-scale})
	 */
	public OrderRules(Duration longestWork, double timeScale) {
		this.longestWork = longestWork;
		this.timeScale = timeScale;
	}

	/**
	 * A customer's name: not blank, at most {@value #MAX_CUSTOMER_LENGTH}, plain text.
	 */
	public static Optional<RuleBroken> customer(String customer) {
		if (customer.isBlank()) {
			return broken(Rule.CUSTOMER, "customer", "must not be blank");
		}
		if (customer.length() > MAX_CUSTOMER_LENGTH) {
			return broken(Rule.CUSTOMER, "customer", "must be at most " + MAX_CUSTOMER_LENGTH + " characters");
		}
		if (!isPlainText(customer)) {
			return broken(Rule.CUSTOMER, "customer", "must not contain control characters or unpaired surrogates");
		}
		return Optional.empty();
	}

	/** An order's number of lines: 1 to {@value #MAX_LINES}. */
	public static Optional<RuleBroken> lines(int lines) {
		if (lines < 1 || lines > MAX_LINES) {
			return broken(Rule.LINES, "items", "must have 1 to " + MAX_LINES + " lines, has " + lines);
		}
		return Optional.empty();
	}

	/** A line's quantity: 1 to {@value #MAX_QUANTITY}. */
	public static Optional<RuleBroken> quantity(int quantity) {
		if (quantity < 1 || quantity > MAX_QUANTITY) {
			return broken(Rule.QUANTITY, "quantity", "must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
		}
		return Optional.empty();
	}

	/**
	 * Whether a product is on the menu; the complaint names the menu, never the product.
	 */
	public static Optional<RuleBroken> onTheMenu(String product, Menu menu) {
		if (menu.find(product).isPresent()) {
			return Optional.empty();
		}
		return broken(Rule.ON_THE_MENU, "product", "is not on the menu " + menu.names());
	}

	/**
	 * The rules an order breaks that need the menu and the stations' limit: each product
	 * on the menu, and the whole order one station's work.
	 */
	public List<RuleBroken> brokenBy(OrderPlaced order, Menu menu) {
		List<RuleBroken> broken = new ArrayList<>();
		for (int line = 0; line < order.items().size(); line++) {
			int index = line;
			onTheMenu(order.items().get(line).product(), menu)
				.ifPresent((rule) -> broken.add(rule.at("items[" + index + "].product")));
		}
		if (broken.isEmpty()) {
			fitsAStation(order.items(), menu).ifPresent(broken::add);
		}
		return broken;
	}

	/**
	 * Throws the first rule of {@link #brokenBy} the order breaks: a reader that
	 * dead-letters it needs one rule's name.
	 * @throws RuleBroken the first rule broken
	 */
	public void check(OrderPlaced order, Menu menu) {
		List<RuleBroken> broken = brokenBy(order, menu);
		if (!broken.isEmpty()) {
			throw broken.get(0);
		}
	}

	/**
	 * Whether one oven can bake these items and one table pack them within the longest
	 * work a station may do: a department that stops finishes what is at its stations
	 * first (its partitions go to other members at once), and the group's committed
	 * offset waits behind an order at a station, so the longest work bounds both. Every
	 * product must be on the menu.
	 */
	public Optional<RuleBroken> fitsAStation(List<OrderLine> items, Menu menu) {
		Duration baking = scaled(WorkTimes.baking(items, menu));
		if (baking.compareTo(this.longestWork) > 0) {
			return tooLong("would bake for " + readable(baking));
		}
		return fitsAPackingStation(items);
	}

	/**
	 * Whether one table can pack these items within the longest work a station may do.
	 */
	public Optional<RuleBroken> fitsAPackingStation(List<OrderLine> items) {
		Duration packing = scaled(WorkTimes.packing(items));
		if (packing.compareTo(this.longestWork) > 0) {
			return tooLong("would take " + readable(packing) + " to pack");
		}
		return Optional.empty();
	}

	private Optional<RuleBroken> tooLong(String what) {
		return broken(Rule.FITS_A_STATION, "items", what + " at time scale " + this.timeScale + ", longer than the "
				+ readable(this.longestWork) + " one station may work on an order (bakery.longest-work)");
	}

	/** A simulated duration at this time scale. */
	public Duration scaled(Duration duration) {
		return Duration.ofNanos((long) (duration.toNanos() * this.timeScale));
	}

	/**
	 * Text as a person types it: no control characters (NUL, line breaks, bells) and no
	 * half of a UTF-16 surrogate pair. PostgreSQL cannot store a NUL or an unpaired
	 * surrogate in text at all, and a name on a bag has no use for the rest.
	 */
	static boolean isPlainText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || Character.isLowSurrogate(c)) {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
		}
		return true;
	}

	private static Optional<RuleBroken> broken(Rule rule, String field, String complaint) {
		return Optional.of(new RuleBroken(rule, field, complaint));
	}

	private static String readable(Duration duration) {
		// Whole seconds, but a fraction of one shown as it is (a test's limit of 100 ms).
		Duration shown = (duration.compareTo(Duration.ofSeconds(1)) < 0) ? duration
				: duration.truncatedTo(ChronoUnit.SECONDS);
		return shown.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
