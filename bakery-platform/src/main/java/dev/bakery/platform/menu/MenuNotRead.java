package dev.bakery.platform.menu;

import java.time.Duration;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The menu could not be read up to its end (Kafka is away or slow), so whether a product
 * is on it cannot be told yet: a failure to retry, never a broken rule, or a valid order
 * would be dead-lettered as off the menu.
 */
public class MenuNotRead extends RetriableException {

	public MenuNotRead(String product, Duration patience) {
		super("Cannot tell whether " + product + " is on the menu: bakery.menu was not read to its end within "
				+ patience.toSeconds() + " s");
	}

}
