package dev.bakery.packaging.packing;

import org.springframework.boot.test.context.SpringBootTest;

import dev.bakery.packaging.PackagingApplication;

/**
 * The same at time scale 0 (the benchmark's), where packing takes no time and a station
 * begins and finishes an order's job in one transaction.
 */
@SpringBootTest(
		properties = { PackagingApplication.CONFIG_NAME, "bakery.time-scale=0", "bakery.outbox.poll-interval=50ms" })
class PackingAtTimeScaleZeroTests extends PackingTests {

}
