package dev.bakery.board;

import java.time.Duration;
import java.time.Instant;

/**
 * The counter reading its topics while it is behind the log, as the board's looks at its
 * consumer group ({@value ConsumerGroups#COUNTER}) find it: after a restart it reads what
 * was written while it was away, and after its offsets were reset to the earliest (with
 * its tables emptied) it rebuilds its read model from the whole log. The orders the board
 * shows come from that read model, so they are behind as long as the counter is.
 *
 * @param since the look that first found the counter behind
 * @param readThen how many of its topics' records it had read then: {@code 0} when it
 * started from the beginning of the log, a rebuild
 * @param lagThen how many it had still to read then
 * @param read how many it has read now
 * @param stored how many records its topics' logs hold now
 * @param lag how many it has still to read now: {@code stored - read}
 * @param caughtUpAt the look that found it with no lag, or {@code null} while it is
 * behind
 */
record CounterReplay(Instant since, long readThen, long lagThen, long read, long stored, long lag, Instant caughtUpAt) {

	/**
	 * How long the board still shows a replay after the counter caught up: a replay of a
	 * few thousand records is over in seconds, often before a page that lost the
	 * restarted counter is back.
	 */
	static final Duration SHOWN_AFTER = Duration.ofMinutes(5);

	/**
	 * Follows the counter's replays from one look at its group to the next: a look that
	 * finds the counter behind begins one, unless one is under way, and the first look
	 * that finds it with no lag ends it.
	 */
	static class Follower {

		private CounterReplay replay;

		private Instant latest = Instant.MIN;

		private boolean looked;

		/**
		 * The report with the replay as it stands after this look; a look asked before
		 * the latest one followed changes nothing.
		 */
		synchronized ConsumerGroupLag.Report follow(ConsumerGroupLag.Report report) {
			ConsumerGroupLag counter = report.group(ConsumerGroups.COUNTER).orElse(null);
			if (counter != null && report.at().isAfter(this.latest)) {
				this.latest = report.at();
				this.looked = true;
				follow(report.at(), counter);
			}
			return report.withReplay(shown(report.at()));
		}

		/**
		 * Whether the counter may be behind: not looked at yet, or behind at the last
		 * look.
		 */
		synchronized boolean unfinished() {
			return !this.looked || (this.replay != null && this.replay.caughtUpAt() == null);
		}

		private void follow(Instant at, ConsumerGroupLag counter) {
			long read = counter.read();
			long lag = counter.total();
			boolean behind = lag > 0;
			if (behind && (this.replay == null || this.replay.caughtUpAt() != null)) {
				this.replay = new CounterReplay(at, read, lag, read, counter.stored(), lag, null);
			}
			else if (behind) {
				this.replay = new CounterReplay(this.replay.since(), this.replay.readThen(), this.replay.lagThen(),
						read, counter.stored(), lag, null);
			}
			else if (this.replay != null && this.replay.caughtUpAt() == null) {
				this.replay = new CounterReplay(this.replay.since(), this.replay.readThen(), this.replay.lagThen(),
						read, counter.stored(), 0, at);
			}
		}

		private CounterReplay shown(Instant now) {
			CounterReplay shown = this.replay;
			if (shown == null || shown.caughtUpAt() == null) {
				return shown;
			}
			return shown.caughtUpAt().plus(SHOWN_AFTER).isAfter(now) ? shown : null;
		}

	}

}
