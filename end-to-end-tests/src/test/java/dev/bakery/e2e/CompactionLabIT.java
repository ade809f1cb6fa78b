package dev.bakery.e2e;

import java.io.PrintStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bakery.labs.CompactionLab;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab compaction} (walkthrough step 16): the shelf's compacted topic
 * keeps the latest record of each order at its old offset, and a collected order's
 * tombstone removes it, then goes itself.
 */
class CompactionLabIT {

	@Test
	void theCleanerKeepsTheLatestRecordOfEachOrderAndTheTombstoneRemovesACollectedOne() {
		CompactionLab.Result result = new CompactionLab(TheBakery.get(), new PrintStream(System.out, true)).run();

		assertThat(result.before()).as("records before compaction")
			.isEqualTo(Map.of("Emil", 6L, "Frida", 5L, "Greta", 5L));
		assertThat(result.after()).as("records after compaction")
			.isEqualTo(Map.of("Emil", 1L, "Frida", 1L, "Greta", 1L));
		assertThat(result.latestKept()).as("each order's latest record kept at its offset").isTrue();
		assertThat(result.afterTombstoneExpired()).as("records once the tombstone's time was up")
			.isEqualTo(Map.of("Emil", 0L, "Frida", 1L, "Greta", 1L));
	}

}
