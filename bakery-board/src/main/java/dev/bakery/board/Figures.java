package dev.bakery.board;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The consumer groups over time: every look of the board at Kafka, for the last minutes
 * (bakery.board.history), kept in memory so that a learner without Docker and Prometheus
 * sees the morning rush rise and drain as a curve. A restarted board begins anew.
 * <p>
 * The same figures are the board's metrics, for Prometheus (docker compose):
 * {@value #LAG}, {@value #POSITION} and {@value #WRITTEN} per group, the bakery's lag
 * exporter. A department that is stopped reports no lag of its own (its consumers are
 * gone); the board does.
 */
@Component
class Figures implements MeterBinder {

	static final String LAG = "bakery.group.lag";

	static final String POSITION = "bakery.group.position";

	static final String WRITTEN = "bakery.group.written";

	/** The sparkline's marks, from nothing to the most in the time shown. */
	private static final String MARKS = "▁▂▃▄▅▆▇█";

	/** A stretch of time without a look at Kafka (it was away). */
	private static final char NO_LOOK = '·';

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final Duration kept;

	private final Deque<Look> looks = new ArrayDeque<>();

	private volatile Look latest;

	Figures(BoardSettings settings) {
		this.kept = settings.history();
	}

	/**
	 * Keeps the groups as a look at Kafka found them; a look without an answer, or asked
	 * before the latest one kept, changes nothing.
	 */
	synchronized void add(ConsumerGroupLag.Report report) {
		if (report.problem() != null || report.groups().isEmpty()
				|| (this.latest != null && !report.at().isAfter(this.latest.at()))) {
			return;
		}
		Look look = new Look(report.at(),
				report.groups()
					.stream()
					.map((group) -> new GroupFigures(group.group(), group.total(), group.position(), group.written()))
					.toList());
		this.looks.addLast(look);
		this.latest = look;
		Instant oldest = look.at().minus(this.kept);
		while (this.looks.peekFirst().at().isBefore(oldest)) {
			this.looks.removeFirst();
		}
	}

	/** Every look kept, oldest first. */
	synchronized History history() {
		return new History(this.kept, List.copyOf(this.looks));
	}

	/** The latest look, or {@code null} before the first answer. */
	Look latest() {
		return this.latest;
	}

	/**
	 * The groups' lag and throughput over the last minutes as text, one line each, a
	 * sparkline of marks from ▁ (none) to █ (the most in the time shown): what a terminal
	 * shows of the board's curves.
	 * @param now the end of the time shown
	 * @param last how much time is shown
	 * @param marks how many marks a line has, each for an equal stretch of that time
	 */
	String curves(Instant now, Duration last, int marks) {
		List<Look> shown;
		Look before;
		synchronized (this) {
			Instant from = now.minus(last);
			shown = this.looks.stream().filter((look) -> look.at().isAfter(from) && !look.at().isAfter(now)).toList();
			before = this.looks.stream().filter((look) -> !look.at().isAfter(from)).reduce((a, b) -> b).orElse(null);
		}
		Duration mark = last.dividedBy(marks);
		StringBuilder text = new StringBuilder();
		text.append("The consumer groups over the last %s, a mark per %d s (lag: records waiting for the group; "
			.formatted(minutes(last), mark.toSeconds())).append("read: records it finished per second)\n");
		if (shown.isEmpty()) {
			return text.append("No look at Kafka in that time: is it running?\n").toString();
		}
		for (String group : shown.get(shown.size() - 1).groups().stream().map(GroupFigures::group).toList()) {
			List<Mark> lag = new ArrayList<>();
			List<Mark> read = new ArrayList<>();
			Look previous = before;
			for (int i = 0; i < marks; i++) {
				Instant start = now.minus(mark.multipliedBy(marks - i));
				Instant end = start.plus(mark);
				List<Look> inMark = shown.stream()
					.filter((look) -> look.at().isAfter(start) && !look.at().isAfter(end))
					.toList();
				if (inMark.isEmpty()) {
					lag.add(null);
					read.add(null);
					continue;
				}
				Look newest = inMark.get(inMark.size() - 1);
				lag.add(new Mark(newest.at(),
						inMark.stream().mapToLong((look) -> look.of(group).lag()).max().orElse(0)));
				Look from = (previous != null) ? previous : inMark.get(0);
				double seconds = Duration.between(from.at(), newest.at()).toMillis() / 1000.0;
				read.add(new Mark(newest.at(), (seconds > 0)
						? Math.max(0, newest.of(group).position() - from.of(group).position()) / seconds : 0));
				previous = newest;
			}
			Look latestLook = shown.get(shown.size() - 1);
			Mark lastRead = read.get(read.size() - 1);
			text.append(line("%-10s lag ".formatted(group), lag, (double) latestLook.of(group).lag(),
					(value) -> "%d".formatted((long) value)));
			text.append(line("%-10s read".formatted(""), read, (lastRead != null) ? lastRead.value() : null,
					(value) -> String.format(Locale.ROOT, "%.1f/s", value)));
		}
		return text.toString();
	}

	private static String line(String head, List<Mark> values, Double now, DoubleFunction<String> shown) {
		Mark most = values.stream()
			.filter((value) -> value != null)
			.max((a, b) -> Double.compare(a.value(), b.value()))
			.orElseThrow();
		StringBuilder line = new StringBuilder(head).append(' ');
		for (Mark value : values) {
			if (value == null) {
				line.append(NO_LOOK);
			}
			else if (value.value() <= 0 || most.value() <= 0) {
				line.append(MARKS.charAt(0));
			}
			else {
				line.append(MARKS.charAt(
						1 + (int) Math.min(MARKS.length() - 2, (value.value() / most.value()) * (MARKS.length() - 1))));
			}
		}
		return line.append("  most ")
			.append(shown.apply(most.value()))
			.append(" at ")
			.append(clock(most.at()))
			.append(", now ")
			.append((now != null) ? shown.apply(now) : "unknown")
			.append('\n')
			.toString();
	}

	private static String clock(Instant at) {
		return LocalTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()).format(CLOCK);
	}

	private static String minutes(Duration last) {
		return (last.toMinutes() == 1) ? "minute" : last.toMinutes() + " minutes";
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ConsumerGroups.Reader reader : ConsumerGroups.READERS) {
			String group = reader.group();
			Gauge.builder(LAG, this, (figures) -> figures.of(group, GroupFigures::lag))
				.description("Records in the group's topics that it has not committed yet, as the board last saw")
				.baseUnit("records")
				.tag("group", group)
				.register(registry);
			FunctionCounter.builder(POSITION, this, (figures) -> figures.of(group, GroupFigures::position))
				.description("The sum of the group's committed offsets: it grows by every record the group finishes")
				.baseUnit("records")
				.tag("group", group)
				.register(registry);
			FunctionCounter.builder(WRITTEN, this, (figures) -> figures.of(group, GroupFigures::written))
				.description("The sum of the log-end offsets of the group's topics: it grows by every record written")
				.baseUnit("records")
				.tag("group", group)
				.register(registry);
		}
	}

	private double of(String group, ToLongFunction<GroupFigures> figure) {
		Look look = this.latest;
		if (look == null) {
			return Double.NaN;
		}
		return look.groups()
			.stream()
			.filter((figures) -> figures.group().equals(group))
			.mapToDouble((figures) -> (double) figure.applyAsLong(figures))
			.findFirst()
			.orElse(Double.NaN);
	}

	/**
	 * The groups at one look.
	 *
	 * @param at when Kafka answered
	 * @param groups each group's figures, in the order of the flow
	 */
	record Look(Instant at, List<GroupFigures> groups) {

		GroupFigures of(String group) {
			return this.groups.stream()
				.filter((figures) -> figures.group().equals(group))
				.findFirst()
				.orElse(new GroupFigures(group, 0, 0, 0));
		}

	}

	/**
	 * One group at one look.
	 *
	 * @param group the consumer group
	 * @param lag the records in its topics that it has not committed yet
	 * @param position the sum of its committed offsets (see
	 * {@link ConsumerGroupLag#position()})
	 * @param written the sum of its topics' log-end offsets
	 */
	record GroupFigures(String group, long lag, long position, long written) {
	}

	/**
	 * The looks kept.
	 *
	 * @param kept how far back they go at most
	 * @param looks every look, oldest first
	 */
	record History(Duration kept, List<Look> looks) {
	}

	private record Mark(Instant at, double value) {
	}

}
