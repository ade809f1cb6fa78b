package dev.bakery.sales;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;

/**
 * What a bake house offers when it starts, written to {@code bakery.menu} before the
 * counter's listeners start (the first phase to start, after the topics are made): the
 * counter dead-letters an order with a product on no menu, and these tests have no bake
 * house.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MenuOffered implements SmartLifecycle {

	public static final List<String> PRODUCTS = List.of("BREZEL", "BROETCHEN", "LAUGENSTANGE");

	private final KafkaTemplate<Object, Object> kafka;

	MenuOffered(KafkaTemplate<Object, Object> kafka) {
		this.kafka = kafka;
	}

	private volatile boolean running;

	@Override
	public void start() {
		for (String product : PRODUCTS) {
			ProductOffered offer = new ProductOffered(product, product, 100, 10, Instant.now(), "bakery-service@test");
			this.kafka.send(Topics.MENU, product, offer).join();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
