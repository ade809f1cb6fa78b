package dev.bakery.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.Bench;
import dev.bakery.labs.BenchResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery bench}, briefly and slowly (no test asserts a time; docs/performance.md
 * holds the measured runs): every order placed is followed to the counter, none lost or
 * doubled, and the run's files are written.
 */
@Order(3)
class BenchIT {

	@Test
	void followsEveryOrderToTheCounterAndWritesTheRunsFiles() throws Exception {
		Path results = Path.of("target", "bench");
		Bench.Run run = new Bench.Run(20, 4, Duration.ofSeconds(5), Duration.ZERO);

		BenchResults result = new Bench(TheBakery.get(), new PrintStream(System.out, true), results, run, Map.of())
			.run();

		assertThat(result.orders()).hasSizeGreaterThanOrEqualTo(90);
		assertThat(result.lost()).isZero();
		assertThat(result.doubled()).isZero();
		assertThat(results.resolve("fixed-20.json")).exists();
		assertThat(Files.readString(results.resolve("fixed-20.svg"))).startsWith("<svg");
	}

}
