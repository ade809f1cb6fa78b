package dev.bakery.launcher;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code ./bakery bench}'s options mean, and what a mistyped one is answered. */
class BenchCommandTests {

	private final Site site = Site.load();

	private Command parse(String... arguments) {
		return Command.parse(this.site, List.of(arguments));
	}

	@Test
	void offersAHundredOrdersASecondForAMinuteByDefault() {
		assertThat(parse("bench"))
			.isEqualTo(new Command.Bench(100, 16, Duration.ofSeconds(60), Duration.ofSeconds(10)));
		assertThat(((Command.Bench) parse("bench")).name()).isEqualTo("fixed-100");
	}

	@Test
	void takesARateAndADurationWithOrWithoutEqualsSign() {
		assertThat(parse("bench", "--rate", "300", "--seconds=30"))
			.isEqualTo(new Command.Bench(300, 16, Duration.ofSeconds(30), Duration.ofSeconds(10)));
	}

	@Test
	void warmsUpTenSecondsUnlessToldOtherwise() {
		assertThat(((Command.Bench) parse("bench", "--warm-up", "30")).warmUp()).isEqualTo(Duration.ofSeconds(30));
		assertThat(((Command.Bench) parse("bench", "--warm-up=0")).warmUp()).isZero();
		assertThatThrownBy(() -> parse("bench", "--warm-up", "-1")).isInstanceOf(Command.Usage.class)
			.hasMessage("--warm-up takes a number of seconds, not '-1'");
	}

	@Test
	void maxRateRunsConcurrentClients() {
		Command.Bench bench = (Command.Bench) parse("bench", "--rate=max", "--clients", "32");
		assertThat(bench.maxRate()).isTrue();
		assertThat(bench.clients()).isEqualTo(32);
		assertThat(bench.name()).isEqualTo("max-32");
	}

	@Test
	void refusesARateThatIsNoPositiveNumber() {
		assertThatThrownBy(() -> parse("bench", "--rate", "fast")).isInstanceOf(Command.Usage.class)
			.hasMessage("--rate takes orders per second or max, not 'fast'");
		assertThatThrownBy(() -> parse("bench", "--rate", "0")).isInstanceOf(Command.Usage.class)
			.hasMessage("--rate takes orders per second or max, not '0'");
		assertThatThrownBy(() -> parse("bench", "--seconds", "-5")).isInstanceOf(Command.Usage.class)
			.hasMessage("--seconds takes a number of seconds, not '-5'");
	}

	@Test
	void refusesAnOptionWithoutItsValue() {
		assertThatThrownBy(() -> parse("bench", "--clients")).isInstanceOf(Command.Usage.class)
			.hasMessage("--clients takes a number of clients, not ''");
	}

	@Test
	void refusesAnUnknownOption() {
		assertThatThrownBy(() -> parse("bench", "--orders", "5")).isInstanceOf(Command.Usage.class)
			.hasMessage("unknown option '--orders' (see ./bakery help)");
	}

	@Test
	void isInTheHelp() {
		assertThat(Command.HELP).contains("bench [--rate 100|max]");
	}

}
