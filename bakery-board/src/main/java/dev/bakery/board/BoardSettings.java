package dev.bakery.board;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live board's settings, under {@code bakery.board.*}. Where the departments answer
 * comes from bakery-board.yml (their ports in the site's facts, .env, on this machine),
 * so those have no defaults here; compose points them at the containers.
 *
 * @param checkoutUrl where the till (checkout-service) answers: the board's order form is
 * passed on to it, so the page needs no access to the till of its own
 * @param bakehouseUrl where the bake house's first instance answers, for its readiness
 * @param packagingUrl where packaging answers, for its readiness
 * @param counterUrl where the counter (sales-service) answers: the orders, their
 * timelines and the shelf, and the hand-over the page asks for
 * @param connectUrl where the Kafka Connect worker's REST API answers, if one runs
 * ({@code ./bakery up --connect}): the board shows its connectors
 * @param tracesUrl where a browser opens a trace by its id appended: Zipkin's page of one
 * trace, on the port the site gives it (the page links each order to its trace)
 * @param recentOrders how many of the most recently moved orders the board keeps with
 * their timelines, and a freshly opened page shows
 * @param lagInterval how often the board asks Kafka for the consumer groups' lag (always,
 * for the figures over time) and, while a page is open, for the cluster's state and the
 * departments for theirs
 * @param orderInterval how often the board asks the counter which orders moved
 * @param timeout how long the board waits for a department or for Kafka's admin API
 * before it gives up on one question
 * @param history how long the board keeps the consumer groups' lag and throughput in
 * memory, for the curves
 */
@ConfigurationProperties("bakery.board")
@Validated
record BoardSettings(@NotNull URI checkoutUrl, @NotNull URI bakehouseUrl, @NotNull URI packagingUrl,
		@NotNull URI counterUrl, @NotNull URI connectUrl, @NotNull URI tracesUrl,
		@DefaultValue("60") @Min(1) @Max(1000) int recentOrders,
		@DefaultValue("2s") @DurationMin(millis = 100) Duration lagInterval,
		@DefaultValue("1s") @DurationMin(millis = 100) Duration orderInterval,
		@DefaultValue("3s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration timeout,
		@DefaultValue("10m") @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration history) {
}
