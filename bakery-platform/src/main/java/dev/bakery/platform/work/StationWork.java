package dev.bakery.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a department does at its stations, and nothing else: {@link Workstations} does the
 * rest the same way for every department (one order per station, the backlog left in
 * Kafka, offsets committed when the work is done, the job and its events recorded once).
 *
 * @param <E> the event the department's listener receives
 */
public interface StationWork<E> {

	/** What one station is called, for logs and thread names: "oven". */
	String stationName();

	/** How many stations one instance of the department has. */
	int stations();

	/**
	 * The department's counter of the orders done at its stations, e.g.
	 * {@code bakery.orders.baked}.
	 */
	String doneMeter();

	/**
	 * The department's timer of an order's time at a station, from going in to coming
	 * out, e.g. {@code bakery.bake.time}.
	 */
	String timeMeter();

	/** The topic the department reports its progress on. */
	String topic();

	/** The order an event is about; the key of everything the department writes. */
	UUID orderId(E event);

	/**
	 * How long the event's work takes at a station, before the time scale; empty when the
	 * event needs no station (the department only reads it).
	 */
	Optional<Duration> work(E event);

	/**
	 * Checks the event against the rules an order keeps, before it may take a station.
	 * @throws dev.bakery.events.RuleBroken if it breaks one: the record is dead-lettered
	 * with the rule, and never takes a station
	 */
	default void check(E event) {
	}

	/**
	 * What this instance can do that not every member of its group may, e.g. the products
	 * a bake house can bake: during a rolling upgrade, the group's leader gives a
	 * partition whose next record needs a skill to a member that has it. Empty: this
	 * instance can do whatever its group can.
	 */
	default Set<String> skills() {
		return Set.of();
	}

	/**
	 * What the event needs that this instance lacks, though another member of the group
	 * may have it (a product on the bakery's menu that this bake house cannot bake yet):
	 * the record is not taken here but left in Kafka, and the group is asked for a member
	 * that can. Empty when this instance can do the work, or when nobody can (then
	 * {@link #check} refuses it).
	 */
	default Set<String> lacks(E event) {
		return Set.of();
	}

	/** The event that reports the work begun. */
	Object started(E event, Instant at, String station);

	/** The event that reports the work done. */
	Object finished(E event, Instant at, String station);

}
