package dev.bakery.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.bakery.labs.Bench;
import dev.bakery.labs.BenchResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bakery bench}: the benchmark, against the open bakery (with or without
 * Docker).
 */
@Command(name = "bench", description = { "Benchmarks the open bakery (with or without Docker).",
		"Places orders of one item over --clients connections at a fixed rate, or as fast as the till answers "
				+ "(--rate max), for --seconds after --warm-up seconds the same way that are not measured, and "
				+ "follows each to the counter. Prints throughput, latency percentiles, lost and doubled orders, the "
				+ "time per hop and the CPU per order; writes docs/performance/<fixed-100|max-16>.json and .svg." })
final class BenchCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--rate", paramLabel = "N|max", defaultValue = "100",
			description = "Orders per second offered, or max (default: ${DEFAULT-VALUE}).")
	String rate;

	@Option(names = "--clients", paramLabel = "N", defaultValue = "16",
			description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
	int clients;

	@Option(names = "--seconds", paramLabel = "N", defaultValue = "60",
			description = "How long orders are placed and measured (default: ${DEFAULT-VALUE}).")
	int seconds;

	@Option(names = "--warm-up", paramLabel = "N", defaultValue = "10",
			description = "Seconds of the same load before, not measured (default: ${DEFAULT-VALUE}).")
	int warmUp;

	private final Home home;

	BenchCommand(Home home) {
		this.home = home;
	}

	Bench.Run run() {
		int rate = this.rate.equals("max") ? Bench.Run.MAX_RATE
				: positive("--rate", this.rate, "orders per second or max");
		positive("--clients", Integer.toString(this.clients), "a number of clients");
		positive("--seconds", Integer.toString(this.seconds), "a number of seconds");
		if (this.warmUp < 0) {
			throw new ParameterException(this.spec.commandLine(),
					"--warm-up takes a number of seconds, not '" + this.warmUp + "'");
		}
		return new Bench.Run(rate, this.clients, Duration.ofSeconds(this.seconds), Duration.ofSeconds(this.warmUp));
	}

	private int positive(String option, String value, String what) {
		if (!value.matches("[1-9][0-9]{0,5}")) {
			throw new ParameterException(this.spec.commandLine(), option + " takes " + what + ", not '" + value + "'");
		}
		return Integer.parseInt(value);
	}

	@Override
	public Integer call() {
		BenchResults results = new Bench(this.home.bakery(), this.home.terminal().out(),
				this.home.root().resolve("docs/performance"), run(), this.home.environment())
			.run();
		return (results.lost() == 0 && results.doubled() == 0) ? 0 : 1;
	}

}
