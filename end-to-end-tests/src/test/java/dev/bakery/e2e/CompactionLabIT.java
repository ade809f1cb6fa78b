package dev.bakery.e2e;

import java.io.PrintStream;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.CompactionLab;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab compaction} (walkthrough step 16): the shelf's compacted topic
 * keeps the latest record of each order at its old offset, and a collected order's
 * tombstone removes it, then goes itself.
 */
@Order(4)
class CompactionLabIT {

	@Test
	void theCleanerKeepsTheLatestRecordOfEachOrderAndTheTombstoneRemovesACollectedOne() {
		CompactionLab.Result result = new CompactionLab(TheBakery.get(), new PrintStream(System.out, true)).run();

		// Five statuses each and Emil's tombstone when the machine keeps up; fewer when a
		// step reaches the shelf after a later one (ForwardOnly drops it) or the cleaner
		// has
		// already been at a slow order's first records.
		assertThat(result.before()).as("records before compaction")
			.hasEntrySatisfying("Emil", (count) -> assertThat(count).isBetween(2L, 6L))
			.hasEntrySatisfying("Frida", (count) -> assertThat(count).isBetween(1L, 5L))
			.hasEntrySatisfying("Greta", (count) -> assertThat(count).isBetween(1L, 5L));
		assertThat(result.before().values().stream().mapToLong(Long::longValue).sum())
			.as("records before compaction, all three orders")
			.isGreaterThan(3);
		assertThat(result.after()).as("records after compaction")
			.isEqualTo(Map.of("Emil", 1L, "Frida", 1L, "Greta", 1L));
		assertThat(result.latestKept()).as("each order's latest record kept at its offset").isTrue();
		assertThat(result.afterTombstoneExpired()).as("records once the tombstone's time was up")
			.isEqualTo(Map.of("Emil", 0L, "Frida", 1L, "Greta", 1L));
	}

}
