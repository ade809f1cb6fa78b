package dev.bakery.board;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bakery.board.ConsumerGroupLag.Member;
import dev.bakery.board.ConsumerGroupLag.Rebalance;

/**
 * The last changes of each group's members, as the board's looks at the groups found
 * them. A rebalance is over in a second or two; the board looks every few seconds, and a
 * person looks at the board less often still: kept here, a member that joined and the
 * partitions dealt out again stay in sight. Kept in memory: a restarted counter starts
 * with an empty history, and its first look is where each group's history begins.
 */
class RebalanceHistory {

	/** How many changes the board keeps per group. */
	static final int KEPT = 5;

	private final Map<String, Look> lastLooks = new HashMap<>();

	private final Map<String, Deque<Rebalance>> changes = new HashMap<>();

	private Instant latest = Instant.MIN;

	/**
	 * Compares a look at the groups with the one before and returns the groups with their
	 * history. A look that was asked before the latest one compared (two may be under way
	 * at once) is not compared: it would only undo what the later one found.
	 * @param asked when Kafka was asked
	 * @param groups the groups as Kafka described them then
	 */
	synchronized List<ConsumerGroupLag> looked(Instant asked, List<ConsumerGroupLag> groups) {
		boolean newer = asked.isAfter(this.latest);
		if (newer) {
			this.latest = asked;
		}
		List<ConsumerGroupLag> withHistory = new ArrayList<>();
		for (ConsumerGroupLag group : groups) {
			if (newer) {
				compare(asked, group);
			}
			withHistory
				.add(group.withRebalances(List.copyOf(this.changes.getOrDefault(group.group(), new ArrayDeque<>()))));
		}
		return withHistory;
	}

	private void compare(Instant asked, ConsumerGroupLag group) {
		Look before = this.lastLooks.put(group.group(), new Look(asked, group.members()));
		if (before == null) {
			return;
		}
		Deque<Rebalance> kept = this.changes.computeIfAbsent(group.group(), (name) -> new ArrayDeque<>());
		if (!ids(before.members()).equals(ids(group.members()))) {
			kept.addFirst(
					new Rebalance(asked, before.at(), group.state(), group.epoch(), before.members(), group.members()));
			while (kept.size() > KEPT) {
				kept.removeLast();
			}
		}
		else if (!kept.isEmpty() && !kept.peekFirst().after().equals(group.members())) {
			// The same members, dealt their partitions since: the rebalance that the
			// last change started went on (a cooperative one takes two rounds), and its
			// outcome is what the change did.
			Rebalance last = kept.removeFirst();
			kept.addFirst(new Rebalance(last.at(), last.since(), group.state(), group.epoch(), last.before(),
					group.members()));
		}
	}

	private static Set<String> ids(List<Member> members) {
		return members.stream().map(Member::id).collect(Collectors.toSet());
	}

	private record Look(Instant at, List<Member> members) {
	}

}
