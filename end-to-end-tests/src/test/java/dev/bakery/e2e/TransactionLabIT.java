package dev.bakery.e2e;

import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.TransactionLab;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab transaction} (walkthrough step 17): the shelf's aborted transaction
 * leaves its record in the log, which a read_uncommitted reader gets and a read_committed
 * reader never does.
 */
@Order(5)
class TransactionLabIT {

	@Test
	void aReadCommittedReaderNeverGetsTheAbortedTransactionsRecord() {
		TransactionLab.Result result = new TransactionLab(TheBakery.get(), new PrintStream(System.out, true)).run();

		assertThat(result.committed()).containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");
		assertThat(result.uncommitted()).containsAll(result.committed());
		assertThat(result.aborted()).as("aborted records").isPositive();
		assertThat(result.uncommitted().subList(0, 2)).isEqualTo(List.of("PLACED", "PLACED"));
	}

}
