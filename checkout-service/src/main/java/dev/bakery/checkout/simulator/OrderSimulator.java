package dev.bakery.checkout.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.validation.annotation.Validated;

import dev.bakery.checkout.order.Checkout;
import dev.bakery.checkout.order.PlaceOrder;
import dev.bakery.events.Menu;
import dev.bakery.platform.tracing.Traceparents;

/**
 * A stream of made-up customers, so the flow is visible at once in the demo. Off unless
 * {@code bakery.simulator.enabled=true}. Each order's trace begins with its customer
 * ({@code simulated customer}), as a real one's begins with the request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bakery.simulator.enabled")
@EnableConfigurationProperties(OrderSimulator.SimulatorSettings.class)
class OrderSimulator {

	private static final Logger log = LoggerFactory.getLogger(OrderSimulator.class);

	private static final List<String> CUSTOMERS = List.of("Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta",
			"Hannes", "Ida", "Jonas", "Kemal", "Lena", "Mia", "Noah");

	OrderSimulator(Checkout checkout, Menu menu, TaskScheduler scheduler, SimulatorSettings settings,
			Traceparents traces) {
		Duration every = Duration.ofMillis(Math.max(1, 60_000 / Math.max(1, settings.ordersPerMinute())));
		log.info("Order simulator on: an order every {} ms", every.toMillis());
		scheduler.scheduleAtFixedRate(() -> {
			try {
				if (!menu.products().isEmpty()) {
					PlaceOrder order = randomOrder(menu);
					traces.within(traces.continuing(null).name("simulated customer").start(),
							() -> checkout.place(order, null));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Simulated order not placed: {}", ex.getMessage());
			}
		}, every);
	}

	/** One to three products of the menu as it is now. */
	private static PlaceOrder randomOrder(Menu menu) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		List<PlaceOrder.Line> lines = new ArrayList<>();
		List<String> products = new ArrayList<>(menu.names());
		Collections.shuffle(products, random);
		for (String product : products.subList(0, Math.min(products.size(), random.nextInt(1, 4)))) {
			lines.add(new PlaceOrder.Line(product, random.nextInt(1, 7)));
		}
		return new PlaceOrder(CUSTOMERS.get(random.nextInt(CUSTOMERS.size())), lines);
	}

	/**
	 * @param enabled whether simulated customers order
	 * @param ordersPerMinute how many
	 */
	@ConfigurationProperties("bakery.simulator")
	@Validated
	record SimulatorSettings(@DefaultValue("false") boolean enabled,
			@DefaultValue("20") @Min(1) @Max(60000) int ordersPerMinute) {
	}

}
