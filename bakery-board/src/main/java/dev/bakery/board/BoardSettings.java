package dev.bakery.sales.board;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live board's settings, under {@code bakery.board.*}.
 *
 * @param checkoutUrl where the till (checkout-service) answers; the board's order form is
 * passed on to it, so the page needs no access to the till of its own (environment:
 * {@code BAKERY_BOARD_CHECKOUT_URL}; sales-service.yml's default is checkout-service's
 * port from the site's facts, .env, so it has no default of its own here)
 * @param recentOrders how many of the most recently moved orders a freshly opened board
 * shows
 * @param lagInterval how often the board asks Kafka for the consumer groups' lag and the
 * cluster's state (and the till for its outbox) while someone watches
 * @param timeout how long the board waits for the till or for Kafka's admin API before it
 * gives up
 */
@ConfigurationProperties("bakery.board")
record BoardSettings(URI checkoutUrl, @DefaultValue("60") int recentOrders, @DefaultValue("2s") Duration lagInterval,
		@DefaultValue("3s") Duration timeout) {
}
