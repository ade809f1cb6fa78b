package dev.bakery.labs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures, the JSON and the chart of a bench run, from made-up orders. */
class BenchResultsTests {

	private static final Instant STARTED = Instant.parse("2026-11-29T08:00:00Z");

	/**
	 * Ten orders a second for two seconds: order i is due at i * 100 ms, the till answers
	 * after (i + 1) ms and it is packed (i + 1) * 10 ms after it was due; one of them is
	 * never packed.
	 */
	private static BenchResults twoSeconds(Bench.Run run, long lost) {
		List<BenchResults.Order> orders = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long start = i * 100_000L;
			orders.add(new BenchResults.Order(start, start + (i + 1) * 1_000L,
					(i == 19) ? -1 : start + (i + 1) * 10_000L));
		}
		Map<String, Histogram> hops = new LinkedHashMap<>();
		Histogram oven = new Histogram(3);
		oven.recordValue(40_000);
		oven.recordValue(60_000);
		hops.put("PLACED -> IN_OVEN", oven);
		Map<String, Duration> cpu = new LinkedHashMap<>();
		cpu.put("checkout-service", Duration.ofMillis(50));
		cpu.put("bakery-service", Duration.ofMillis(30));
		cpu.put(BenchResults.KAFKA, Duration.ofMillis(20));
		cpu.put(BenchResults.BENCH, Duration.ofMillis(10));
		return new BenchResults(run, STARTED, 2, orders, hops, lost, 0, cpu, 2);
	}

	private static final Bench.Run TEN = new Bench.Run(10, 16, Duration.ofSeconds(2), Duration.ZERO);

	@Test
	void percentilesComeFromTheOrdersLatencies() {
		BenchResults results = twoSeconds(TEN, 1);
		assertThat(results.placement().getTotalCount()).isEqualTo(20);
		assertThat(BenchResults.millis(results.placement().getValueAtPercentile(50))).isEqualTo(10.0);
		assertThat(BenchResults.millis(results.placement().getMaxValue())).isEqualTo(20.0);
		assertThat(results.endToEnd().getTotalCount()).isEqualTo(19);
		// Three significant digits: 190 ms is 190.1 ms to HdrHistogram.
		assertThat(BenchResults.millis(results.endToEnd().getValueAtPercentile(99))).isCloseTo(190.0, within(0.2));
		assertThat(results.ready()).isEqualTo(19);
	}

	@Test
	void throughputCountsFromTheStartToTheLastAnswerOrPackedOrder() {
		BenchResults results = twoSeconds(TEN, 1);
		// The last answer comes at 1.9 s + 20 ms, the last packed order at 1.8 s + 190
		// ms.
		assertThat(results.placementThroughput()).isCloseTo(20 / 1.92, within(0.001));
		assertThat(results.endToEndThroughput()).isCloseTo(19 / 1.99, within(0.001));
	}

	@Test
	void groupsTheEndToEndLatencyBySecondOfPlacement() {
		List<BenchResults.Second> seconds = twoSeconds(TEN, 1).seconds();
		assertThat(seconds).hasSize(2);
		assertThat(seconds.get(0)).isEqualTo(new BenchResults.Second(0, 10, 50.0, 100.0));
		assertThat(seconds.get(1).orders()).isEqualTo(9);
		assertThat(seconds.get(1).p99Millis()).isCloseTo(190.0, within(0.2));
	}

	@Test
	void theSummaryNamesTheFiguresAndTheTargets() {
		String summary = twoSeconds(TEN, 1).summary();
		assertThat(summary).contains("Offered:    10 orders/s over 16 clients for 2 s%n".formatted())
			.contains("Placed:     20 orders (refused 2)")
			.contains("Lost: 1, doubled: 0")
			.contains("PLACED -> IN_OVEN                 40.0      60.0")
			.contains(">= 800 orders/s end to end:    not met")
			.contains("not measured (--rate 300 measures it)")
			// 50, 30, 20 and 10 ms of CPU for 20 orders; 2 cores at 800/s: 2.5 ms per
			// order.
			.contains("checkout-service                  2.50")
			.contains("bakery-service                    1.50")
			.contains("Kafka                             1.00")
			.contains("the bench itself                  0.50")
			.contains("together                          5.50   (at 800 orders/s, 2 cores give 2.50 ms per order");
	}

	@Test
	void theLatencyTargetIsMetOnlyAtThreeHundredASecondWithNothingLost() {
		Bench.Run threeHundred = new Bench.Run(300, 16, Duration.ofSeconds(2), Duration.ZERO);
		assertThat(twoSeconds(threeHundred, 0).latencyTargetMet()).isTrue();
		assertThat(twoSeconds(threeHundred, 0).summary())
			.contains("p99 < 250 ms at a fixed 300/s:  met (p99 190.1 ms)");
		assertThat(twoSeconds(threeHundred, 1).latencyTargetMet()).isFalse();
		assertThat(twoSeconds(TEN, 0).latencyTargetMet()).isFalse();
	}

	@Test
	void writesTheFiguresAsJson() {
		JsonNode json = JsonMapper.builder().build().readTree(twoSeconds(TEN, 1).json());
		assertThat(json.path("run").asString()).isEqualTo("fixed-10");
		assertThat(json.path("offeredRate").asInt()).isEqualTo(10);
		assertThat(json.path("placed").asInt()).isEqualTo(20);
		assertThat(json.path("lost").asInt()).isEqualTo(1);
		assertThat(json.path("endToEndMillis").path("max").asDouble()).isCloseTo(190.0, within(0.2));
		assertThat(json.path("hopMillis").path("PLACED -> IN_OVEN").path("median").asDouble()).isEqualTo(40.0);
		assertThat(json.path("perSecond")).hasSize(2);
		assertThat(json.path("cpuMillisPerOrder").path("checkout-service").asDouble()).isEqualTo(2.5);
		assertThat(json.path("cores").asInt()).isEqualTo(2);
	}

	@Test
	void drawsP50AndP99PerSecondAsTwoLines() {
		String svg = twoSeconds(TEN, 1).svg();
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("--rate 10");
		assertThat(svg.split("<polyline", -1)).hasSize(3);
		// The top of the chart is 200 ms, the p99's 190 ms rounded up; a point in the
		// middle of each second: p50 50 ms, then 150 ms.
		assertThat(svg).contains(">200</text>").contains("points=\"220.0,242.5 540.0,107.5\"");
	}

	@Test
	void theChartsTopIsARoundNumber() {
		assertThat(BenchResults.niceCeiling(190)).isEqualTo(200);
		assertThat(BenchResults.niceCeiling(1240)).isEqualTo(2000);
		assertThat(BenchResults.niceCeiling(300)).isEqualTo(500);
		assertThat(BenchResults.niceCeiling(100)).isEqualTo(100);
	}

}
