package dev.bakery.bakehouse.baking;

import org.springframework.boot.test.context.SpringBootTest;

import dev.bakery.bakehouse.BakehouseApplication;

/**
 * The same at time scale 0 (the benchmark's), where baking takes no time and a station
 * begins and finishes an order's job in one transaction.
 */
@SpringBootTest(
		properties = { BakehouseApplication.CONFIG_NAME, "bakery.time-scale=0", "bakery.outbox.poll-interval=50ms" })
class BakehouseAtTimeScaleZeroTests extends BakehouseTests {

}
