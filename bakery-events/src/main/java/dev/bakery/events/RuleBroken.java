package dev.bakery.events;

import java.util.Objects;

/**
 * An order, or an event about one, breaks one of the bakery's {@link OrderRules}. The
 * till answers it with a problem naming the field; a reader dead-letters the record with
 * the rule's name in a header, before it takes a station.
 */
public final class RuleBroken extends IllegalArgumentException {

	private final OrderRules.Rule rule;

	private final String field;

	private final String complaint;

	/**
	 * @param rule the rule that is broken
	 * @param field where, e.g. {@code items[0].quantity}
	 * @param complaint what is wrong with it, e.g. {@code must be between 1 and 50}
	 */
	public RuleBroken(OrderRules.Rule rule, String field, String complaint) {
		super(field + " " + complaint + " (rule " + rule.id() + ")");
		this.rule = Objects.requireNonNull(rule, "rule");
		this.field = Objects.requireNonNull(field, "field");
		this.complaint = Objects.requireNonNull(complaint, "complaint");
	}

	public OrderRules.Rule rule() {
		return this.rule;
	}

	public String field() {
		return this.field;
	}

	/** What is wrong with the field, without the field's name. */
	public String complaint() {
		return this.complaint;
	}

	/**
	 * The same complaint about the same value at a longer path, e.g. in an order's line.
	 */
	RuleBroken at(String path) {
		return new RuleBroken(this.rule, path, this.complaint);
	}

}
