package dev.bakery.platform.work;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records an instance has taken but not yet committed, per partition. Stations finish
 * in any order, but a partition's offset may only move past records that are done: it
 * stops at the first one still at a station (or abandoned there), so a crash never skips
 * unfinished work. Thread-safe: stations report from their threads, the consumer thread
 * commits.
 */
final class PendingOffsets {

	private enum State {

		AT_WORK, DONE, ABANDONED

	}

	private final Map<TopicPartition, TreeMap<Long, State>> partitions = new HashMap<>();

	private final Map<TopicPartition, Long> committed = new HashMap<>();

	synchronized void atWork(TopicPartition partition, long offset) {
		this.partitions.computeIfAbsent(partition, (key) -> new TreeMap<>()).put(offset, State.AT_WORK);
	}

	/** A record taken to a station is done (ignored if its partition has moved on). */
	synchronized void done(TopicPartition partition, long offset) {
		TreeMap<Long, State> offsets = this.partitions.get(partition);
		if (offsets != null && offsets.containsKey(offset)) {
			offsets.put(offset, State.DONE);
		}
	}

	/** A record that needed no station, or was dead-lettered: done as soon as taken. */
	synchronized void doneAtOnce(TopicPartition partition, long offset) {
		this.partitions.computeIfAbsent(partition, (key) -> new TreeMap<>()).put(offset, State.DONE);
	}

	/**
	 * The work on this record stopped without being done (the instance is shutting down
	 * abruptly): its offset must not be committed, and nobody waits for it any longer.
	 */
	synchronized void abandoned(TopicPartition partition, long offset) {
		TreeMap<Long, State> offsets = this.partitions.get(partition);
		if (offsets != null && offsets.containsKey(offset)) {
			offsets.put(offset, State.ABANDONED);
		}
	}

	/**
	 * The record did not get to a station after all (its handling failed and is retried).
	 */
	synchronized void forget(TopicPartition partition, long offset) {
		TreeMap<Long, State> offsets = this.partitions.get(partition);
		if (offsets != null) {
			offsets.remove(offset);
		}
	}

	/**
	 * For each of these partitions whose offset can move on: the offset to commit, the
	 * next record to read after the last one done before any unfinished one.
	 */
	synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> owned) {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		for (TopicPartition partition : owned) {
			TreeMap<Long, State> offsets = this.partitions.get(partition);
			Long next = null;
			if (offsets != null) {
				for (Map.Entry<Long, State> record : offsets.entrySet()) {
					if (record.getValue() != State.DONE) {
						break;
					}
					next = record.getKey() + 1;
				}
			}
			if (next != null && next > this.committed.getOrDefault(partition, -1L)) {
				commits.put(partition, new OffsetAndMetadata(next));
			}
		}
		return commits;
	}

	/**
	 * Partitions where nothing is pending and the consumer's position is past the offset
	 * last committed here: the position, to commit. A transaction's commit marker
	 * (Debezium relays the till's outbox in transactions) takes an offset that no record
	 * fills, so without this the group would stay one record behind for ever
	 * (spring-kafka's fixTxOffsets does the same for the commits of its own containers).
	 * Only partitions this instance has committed: their position is known, asking for it
	 * does not block.
	 */
	synchronized Map<TopicPartition, OffsetAndMetadata> pastMarkers(Collection<TopicPartition> owned,
			ToLongFunction<TopicPartition> position) {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		for (TopicPartition partition : owned) {
			Long last = this.committed.get(partition);
			TreeMap<Long, State> offsets = this.partitions.get(partition);
			if (last == null || (offsets != null && !offsets.isEmpty())) {
				continue;
			}
			long next = position.applyAsLong(partition);
			if (next > last) {
				commits.put(partition, new OffsetAndMetadata(next));
			}
		}
		return commits;
	}

	/** The commit went through: these offsets need not be committed again. */
	synchronized void committed(Map<TopicPartition, OffsetAndMetadata> commits) {
		commits.forEach((partition, offset) -> {
			this.committed.merge(partition, offset.offset(), Math::max);
			TreeMap<Long, State> offsets = this.partitions.get(partition);
			if (offsets != null) {
				offsets.headMap(offset.offset()).clear();
			}
		});
	}

	/**
	 * The partitions went to another member, or came (back) to this one: what was pending
	 * here is not this instance's to commit; reading starts again at the group's offset.
	 */
	synchronized void release(Collection<TopicPartition> partitions) {
		partitions.forEach((partition) -> {
			this.partitions.remove(partition);
			this.committed.remove(partition);
		});
	}

}
