package dev.bakery.platform.work;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingOffsetsTests {

	private static final TopicPartition ORDERS_0 = new TopicPartition("bakery.orders", 0);

	private final PendingOffsets pending = new PendingOffsets();

	@Test
	void commitsNothingPastARecordStillAtAStation() {
		this.pending.atWork(ORDERS_0, 5);
		this.pending.atWork(ORDERS_0, 6);
		this.pending.done(ORDERS_0, 6);

		assertThat(this.pending.committable(List.of(ORDERS_0))).isEmpty();

		this.pending.done(ORDERS_0, 5);

		assertThat(this.pending.committable(List.of(ORDERS_0))).containsEntry(ORDERS_0, new OffsetAndMetadata(7));
	}

	@Test
	void movesPastATransactionsCommitMarkerOnlyWhenNothingIsPending() {
		Map<TopicPartition, Long> positions = Map.of(ORDERS_0, 8L);
		assertThat(this.pending.pastMarkers(List.of(ORDERS_0), positions::get)).as("never committed here").isEmpty();

		this.pending.atWork(ORDERS_0, 6);
		this.pending.done(ORDERS_0, 6);
		this.pending.committed(this.pending.committable(List.of(ORDERS_0)));
		// Offset 7 is the marker: the position is 8.
		assertThat(this.pending.pastMarkers(List.of(ORDERS_0), positions::get)).containsEntry(ORDERS_0,
				new OffsetAndMetadata(8));

		this.pending.atWork(ORDERS_0, 8);
		assertThat(this.pending.pastMarkers(List.of(ORDERS_0), Map.of(ORDERS_0, 9L)::get)).as("a record at a station")
			.isEmpty();
	}

	@Test
	void commitsARecordThatNeededNoStationInItsTurn() {
		this.pending.atWork(ORDERS_0, 5);
		this.pending.doneAtOnce(ORDERS_0, 6);

		assertThat(this.pending.committable(List.of(ORDERS_0))).isEmpty();

		this.pending.done(ORDERS_0, 5);

		assertThat(this.pending.committable(List.of(ORDERS_0))).containsEntry(ORDERS_0, new OffsetAndMetadata(7));
	}

	@Test
	void neverCommitsPastAnAbandonedRecord() {
		this.pending.atWork(ORDERS_0, 5);
		this.pending.atWork(ORDERS_0, 6);
		this.pending.abandoned(ORDERS_0, 5);
		this.pending.done(ORDERS_0, 6);

		assertThat(this.pending.committable(List.of(ORDERS_0))).isEmpty();
	}

	@Test
	void offersACommitOnceUntilMoreIsDone() {
		this.pending.atWork(ORDERS_0, 5);
		this.pending.done(ORDERS_0, 5);
		Map<TopicPartition, OffsetAndMetadata> commits = this.pending.committable(List.of(ORDERS_0));
		this.pending.committed(commits);

		assertThat(this.pending.committable(List.of(ORDERS_0))).isEmpty();
	}

	@Test
	void ignoresWorkDoneOnAPartitionThatMovedOnAndNeverCommitsBackwards() {
		this.pending.atWork(ORDERS_0, 5);
		this.pending.release(List.of(ORDERS_0));
		// The partition comes back; meanwhile another member has committed up to 9.
		this.pending.committed(Map.of(ORDERS_0, new OffsetAndMetadata(9)));
		this.pending.done(ORDERS_0, 5);

		assertThat(this.pending.committable(List.of(ORDERS_0))).isEmpty();

		this.pending.atWork(ORDERS_0, 9);
		this.pending.done(ORDERS_0, 9);

		assertThat(this.pending.committable(List.of(ORDERS_0))).containsEntry(ORDERS_0, new OffsetAndMetadata(10));
	}

}
