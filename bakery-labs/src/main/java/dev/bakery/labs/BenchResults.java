package dev.bakery.labs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one run of {@code ./bakery bench} measured, as the terminal, a JSON file and an
 * SVG chart show it. Times are in microseconds since the run started; the percentiles
 * come from HdrHistogram (three significant digits).
 *
 * @param run how the orders were offered
 * @param started when the run started
 * @param refused orders the till did not take (no {@code 201 Created})
 * @param orders the orders the till took, in the order they were placed
 * @param hops the time per hop of a sample of the orders, from the counter's timelines
 * @param lost orders the till took that are not ready for pickup at the counter
 * @param doubled steps the counter holds twice, and events a department recorded twice
 * @param cpu the CPU time each department used from the first order until the last was
 * seen packed (its {@code process.cpu.time}), by department (none for one that did not
 * answer), Kafka's and PostgreSQL's processes on this machine, and the bench's own
 * @param cores the machine's cores, which every process of the bakery shares
 */
public record BenchResults(Bench.Run run, Instant started, int refused, List<Order> orders, Map<String, Histogram> hops,
		long lost, long doubled, Map<String, Duration> cpu, int cores) {

	/** The first target: orders per second from the till to the counter. */
	static final double TARGET_RATE = 800;

	/** The second target: the p99 from the till to the counter at this rate. */
	static final int TARGET_P99_RATE = 300;

	static final long TARGET_P99_MILLIS = 250;

	/** Kafka's broker processes on this machine, among the CPU times. */
	static final String KAFKA = "Kafka";

	/** PostgreSQL's processes on this machine, among the CPU times. */
	static final String POSTGRES = "PostgreSQL";

	/** The bench's own process, among the CPU times. */
	static final String BENCH = "the bench itself";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/**
	 * One order the till took.
	 *
	 * @param start when placing it started (at a fixed rate: when it was due)
	 * @param placed when the till answered
	 * @param ready when the bench saw its {@code PACKED} record; -1 if never
	 */
	record Order(long start, long placed, long ready) {

		boolean isReady() {
			return this.ready >= 0;
		}

	}

	/** One second of the run: the orders placed in it and their end-to-end latency. */
	record Second(int second, long orders, double p50Millis, double p99Millis) {
	}

	/** HTTP round trips at the till. */
	Histogram placement() {
		Histogram histogram = new Histogram(3);
		this.orders.forEach((order) -> histogram.recordValue(Math.max(0, order.placed() - order.start())));
		return histogram;
	}

	/** From placing an order until its PACKED record was seen. */
	Histogram endToEnd() {
		Histogram histogram = new Histogram(3);
		this.orders.stream()
			.filter(Order::isReady)
			.forEach((order) -> histogram.recordValue(Math.max(0, order.ready() - order.start())));
		return histogram;
	}

	/** Orders the till took per second, from the start until its last answer. */
	double placementThroughput() {
		return perSecond(this.orders.size(), this.orders.stream().mapToLong(Order::placed).max().orElse(0));
	}

	/** Orders ready per second, from the start until the last one was. */
	double endToEndThroughput() {
		return perSecond(this.orders.stream().filter(Order::isReady).count(),
				this.orders.stream().mapToLong(Order::ready).max().orElse(0));
	}

	long ready() {
		return this.orders.stream().filter(Order::isReady).count();
	}

	/** End-to-end latency of the orders placed in each second of the run. */
	List<Second> seconds() {
		Map<Integer, Histogram> bySecond = new TreeMap<>();
		for (Order order : this.orders) {
			if (order.isReady()) {
				bySecond.computeIfAbsent((int) TimeUnit.MICROSECONDS.toSeconds(order.start()), (s) -> new Histogram(3))
					.recordValue(Math.max(0, order.ready() - order.start()));
			}
		}
		List<Second> seconds = new ArrayList<>();
		bySecond.forEach((second, histogram) -> seconds.add(new Second(second, histogram.getTotalCount(),
				millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(99)))));
		return seconds;
	}

	boolean rateTargetMet() {
		return endToEndThroughput() >= TARGET_RATE;
	}

	/** Only a fixed 300/s run can meet the second target. */
	boolean latencyTargetMet() {
		return this.run.rate() == TARGET_P99_RATE && this.lost == 0
				&& millis(endToEnd().getValueAtPercentile(99)) < TARGET_P99_MILLIS;
	}

	/** CPU milliseconds per order the till took, by process. */
	Map<String, Double> cpuMillisPerOrder() {
		Map<String, Double> perOrder = new LinkedHashMap<>();
		if (!this.orders.isEmpty()) {
			this.cpu.forEach((department, time) -> perOrder.put(department,
					Math.round(time.toNanos() / 1e4 / this.orders.size()) / 100.0));
		}
		return perOrder;
	}

	/** The terminal's report. */
	String summary() {
		StringBuilder text = new StringBuilder("%n".formatted());
		text.append(this.run.maxRate()
				? "Offered:    %d clients, as fast as the till answers, for %d s".formatted(this.run.clients(),
						this.run.duration().toSeconds())
				: "Offered:    %d orders/s over %d clients for %d s".formatted(this.run.rate(), this.run.clients(),
						this.run.duration().toSeconds()));
		text.append(this.run.warmUp().isZero() ? "%n".formatted()
				: " (after %d s of warm-up the same way, not counted)%n".formatted(this.run.warmUp().toSeconds()));
		text.append(format("Placed:     %d orders (refused %d); placement throughput %.1f orders/s%n",
				this.orders.size(), this.refused, placementThroughput()));
		text.append(
				format("Ready:      %d orders; end-to-end throughput %.1f orders/s%n", ready(), endToEndThroughput()));
		text.append(format("%n  %-28s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p95", "p99", "max"));
		text.append(latencyLine("placement (HTTP)", placement()));
		text.append(latencyLine("end to end (till -> PACKED)", endToEnd()));
		text.append(format("%nLost: %d, doubled: %d%n", this.lost, this.doubled));
		long sampled = this.hops.values().stream().mapToLong(Histogram::getTotalCount).max().orElse(0);
		text.append(format("%n  %-28s %9s %9s   (counter's timelines, %d orders)%n", "time per hop (ms)", "median",
				"p99", sampled));
		this.hops.forEach((hop, histogram) -> text.append(format("  %-28s %9.1f %9.1f%n", hop,
				millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(99)))));
		Map<String, Double> perOrder = cpuMillisPerOrder();
		if (!perOrder.isEmpty()) {
			text.append(format("%n  %-28s %9s   (from the first order until the last was packed)%n",
					"CPU per order (ms)", ""));
			perOrder.forEach((department, millis) -> text.append(format("  %-28s %9.2f%n", department, millis)));
			text.append(format(
					"  %-28s %9.2f   (at %.0f orders/s, %d cores give %.2f ms per order to everything:"
							+ " all of these)%n",
					"together", perOrder.values().stream().mapToDouble(Double::doubleValue).sum(), TARGET_RATE,
					this.cores, this.cores * 1000 / TARGET_RATE));
		}
		text.append(format("%nTargets:%n  >= %.0f orders/s end to end:    %s (%.1f orders/s%s)%n", TARGET_RATE,
				rateTargetMet() ? "met" : "not met", endToEndThroughput(),
				this.run.maxRate() ? "" : "; --rate max measures it"));
		text.append(format("  p99 < %d ms at a fixed %d/s:  %s%n", TARGET_P99_MILLIS, TARGET_P99_RATE,
				(this.run.rate() != TARGET_P99_RATE) ? "not measured (--rate " + TARGET_P99_RATE + " measures it)"
						: (latencyTargetMet() ? "met" : "not met")
								+ format(" (p99 %.1f ms)", millis(endToEnd().getValueAtPercentile(99)))));
		return text.toString();
	}

	/** The run's figures, for docs/performance/. */
	String json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("run", this.run.name());
		json.put("started", this.started.toString());
		json.put("offeredRate", this.run.maxRate() ? "max" : this.run.rate());
		json.put("clients", this.run.maxRate() ? this.run.clients() : null);
		json.put("seconds", this.run.duration().toSeconds());
		json.put("warmUpSeconds", this.run.warmUp().toSeconds());
		json.put("placed", this.orders.size());
		json.put("refused", this.refused);
		json.put("ready", ready());
		json.put("lost", this.lost);
		json.put("doubled", this.doubled);
		json.put("placementThroughput", round(placementThroughput()));
		json.put("endToEndThroughput", round(endToEndThroughput()));
		json.put("placementMillis", percentiles(placement()));
		json.put("endToEndMillis", percentiles(endToEnd()));
		Map<String, Object> hops = new LinkedHashMap<>();
		this.hops.forEach((hop, histogram) -> hops.put(hop, Map.of("orders", histogram.getTotalCount(), "median",
				millis(histogram.getValueAtPercentile(50)), "p99", millis(histogram.getValueAtPercentile(99)))));
		json.put("hopMillis", hops);
		json.put("cores", this.cores);
		json.put("cpuMillisPerOrder", cpuMillisPerOrder());
		json.put("perSecond", seconds());
		return JSON.writeValueAsString(json) + System.lineSeparator();
	}

	/** End-to-end p50 and p99 of the orders placed in each second, as a line chart. */
	String svg() {
		return svg(this.run, seconds());
	}

	/** The chart of a run from its seconds, as its JSON file keeps them. */
	static String svg(Bench.Run run, List<Second> seconds) {
		int width = 720;
		int height = 360;
		int left = 60;
		int right = 20;
		int top = 40;
		int bottom = 50;
		double top99 = seconds.stream().mapToDouble(Second::p99Millis).max().orElse(1);
		// A bakery that falls behind takes seconds, not milliseconds: say so on the axis.
		double scale = (top99 >= 10_000) ? 1000 : 1;
		String unit = (scale == 1) ? "ms" : "s";
		double yMax = niceCeiling(top99 / scale);
		int xMax = Math.max(1, (int) run.duration().toSeconds());
		double plotWidth = width - left - right;
		double plotHeight = height - top - bottom;
		StringBuilder svg = new StringBuilder();
		svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
		svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
		svg.append(format(
				"<text x=\"%d\" y=\"18\" font-size=\"14\">./bakery bench %s: end-to-end latency of the "
						+ "orders placed in each second</text>%n",
				10, run.maxRate() ? "--rate max --clients " + run.clients() : "--rate " + run.rate()));
		for (int i = 0; i <= 5; i++) {
			double value = yMax * i / 5;
			double y = top + plotHeight - plotHeight * i / 5;
			svg.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y,
					width - right, y));
			svg.append(
					format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6, y + 4, label(value)));
		}
		int step = (xMax <= 20) ? 2 : (xMax <= 60) ? 10 : 30;
		for (int s = 0; s <= xMax; s += step) {
			double x = left + plotWidth * s / xMax;
			svg.append(
					format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, height - bottom + 18, s));
		}
		svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">second of the run</text>%n",
				left + plotWidth / 2, height - 12));
		svg.append(
				format("<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>%n",
						top + plotHeight / 2, top + plotHeight / 2, unit));
		svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\"/>%n",
				left, top, plotWidth, plotHeight));
		String[][] lines = { { "p50", "#1f77b4" }, { "p99", "#d62728" } };
		for (String[] line : lines) {
			StringBuilder points = new StringBuilder();
			for (Second second : seconds) {
				double value = (line[0].equals("p50") ? second.p50Millis() : second.p99Millis()) / scale;
				points.append(format("%.1f,%.1f ", left + plotWidth * (second.second() + 0.5) / xMax,
						top + plotHeight - plotHeight * Math.min(value, yMax) / yMax));
			}
			svg.append(format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", line[1],
					points.toString().trim()));
		}
		for (int i = 0; i < lines.length; i++) {
			int x = width - right - 140 + i * 70;
			svg.append(format("<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"30\" stroke=\"%s\" stroke-width=\"2\"/>%n", x,
					x + 20, lines[i][1]));
			svg.append(format("<text x=\"%d\" y=\"34\">%s</text>%n", x + 24, lines[i][0]));
		}
		svg.append("</svg>").append(System.lineSeparator());
		return svg.toString();
	}

	private static String latencyLine(String what, Histogram histogram) {
		return format("  %-28s %9.1f %9.1f %9.1f %9.1f%n", what, millis(histogram.getValueAtPercentile(50)),
				millis(histogram.getValueAtPercentile(95)), millis(histogram.getValueAtPercentile(99)),
				millis(histogram.getMaxValue()));
	}

	private static Map<String, Double> percentiles(Histogram histogram) {
		Map<String, Double> percentiles = new LinkedHashMap<>();
		percentiles.put("p50", millis(histogram.getValueAtPercentile(50)));
		percentiles.put("p95", millis(histogram.getValueAtPercentile(95)));
		percentiles.put("p99", millis(histogram.getValueAtPercentile(99)));
		percentiles.put("max", millis(histogram.getMaxValue()));
		return percentiles;
	}

	/** 1, 2 or 5 times a power of ten, at least the value: the chart's top. */
	static double niceCeiling(double value) {
		double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-3))));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= value) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static String label(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : format("%.1f", value);
	}

	private static double perSecond(long count, long micros) {
		return (micros > 0) ? count * 1e6 / micros : 0;
	}

	/** Microseconds as milliseconds, to a tenth. */
	static double millis(long micros) {
		return Math.round(micros / 100.0) / 10.0;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** Decimal points, whatever the machine's language. */
	private static String format(String format, Object... arguments) {
		return String.format(Locale.ROOT, format, arguments);
	}

}
