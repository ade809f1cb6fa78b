package dev.bakery.e2e;

import java.io.PrintStream;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.ScalingLab;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab scaling} at this JVM's time scale: the backlog waits in Kafka, two
 * bake houses that join take over partitions and the orders waiting on them, and every
 * order goes into and out of its oven at one bake house. The burst is 72 orders of 48 rye
 * breads, not the class's 36 of 36: at this time scale the class's burst is gone in about
 * 30 s, before the joining bake houses have started on a loaded CI machine (the
 * walkthrough's run, at a slower time scale, places the class's). The speed-up is
 * printed, not asserted; the start still weighs much here (docs/walkthrough.md quotes the
 * class's run).
 */
@Order(6)
class ScalingLabIT {

	@Test
	void moreBakeHousesJoinTheGroupAndEachOrderIsBakedOnceByOne() {
		Bakery bakery = TheBakery.get();
		ScalingLab.Burst burst = ScalingLab.Burst.from(Map.of("ORDERS", "72", "QUANTITY", "48", "EVERY", "2"));

		ScalingLab.Result result = new ScalingLab(bakery, new PrintStream(System.out, true), burst).run();

		assertThat(result.mostMembers()).as("members of group bakery during the second burst").isEqualTo(3);
		assertThat(result.bakedByNewcomers()).as("orders baked by the bake houses that joined").isPositive();
		assertThat(result.sameBakeHouse()).as("orders into and out of the oven at the same bake house")
			.isEqualTo(2 * result.orders());
		assertThat(bakery.isRunning(Part.of(Department.BAKEHOUSE, 2))).as("the extra bake houses stopped").isFalse();
		assertThat(bakery.isRunning(Part.of(Department.BAKEHOUSE, 3))).isFalse();
		System.out.printf("SCALING one bake house %d s, three %d s, speed-up %.2fx (time scale %s)%n",
				result.one().toSeconds(), result.three().toSeconds(), result.speedUp(), TheBakery.TIME_SCALE);
	}

}
