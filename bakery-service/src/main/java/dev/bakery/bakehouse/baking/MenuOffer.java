package dev.bakery.bakehouse.baking;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;
import dev.bakery.platform.outbox.Outbox;

/**
 * Tells the bakery what this bake house can bake: when it has started, it offers each
 * product of its menu on {@code bakery.menu}, keyed by the product, through the outbox
 * like every event it writes. The till sells a product from the moment its offer is on
 * the topic. An offer made again (every start) changes nothing on a compacted topic.
 */
@Component
class MenuOffer {

	private static final Logger log = LoggerFactory.getLogger(MenuOffer.class);

	private final Bakehouse bakehouse;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	MenuOffer(Bakehouse bakehouse, Outbox outbox, TransactionTemplate transactions) {
		this.bakehouse = bakehouse;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	@EventListener(ApplicationStartedEvent.class)
	void offer() {
		List<ProductOffered> offers = this.bakehouse.offers().products();
		this.transactions.executeWithoutResult((transaction) -> this.outbox.appendAll(Topics.MENU,
				offers.stream().map((offer) -> new Outbox.Message(offer.product(), offer)).toList()));
		log.info("Offered on {}: {}", Topics.MENU, this.bakehouse.offers().names());
	}

}
