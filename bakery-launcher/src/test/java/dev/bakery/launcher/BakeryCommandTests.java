package dev.bakery.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bakery.labs.Bench;
import dev.bakery.runtime.Brokers;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;
import dev.bakery.runtime.Settings;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./bakery}'s commands and options mean, what a mistyped one is answered, and
 * the exit status: 0 done, 1 failed, 2 not understood, 10 build first. Nothing here opens
 * a bakery; {@link SupervisorTests} does.
 */
class BakeryCommandTests {

	@TempDir
	Path root;

	private final Map<String, String> environment = new HashMap<>();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private Home home;

	@BeforeEach
	void aRepositoryWithNothingBuilt() {
		this.home = new Home(this.root, this.environment,
				new Terminal(new PrintStream(this.out, true), new PrintStream(this.err, true), false));
	}

	@Test
	void withoutACommandSaysWhatTheCommandsAre() {
		assertThat(run()).isZero();
		assertThat(out()).startsWith("Usage: bakery [-hV] [COMMAND]")
			.contains("  up ", "  down ", "  lab ", "  bench ", "  kafka-share-groups ", "  completion ")
			.doesNotContain("needs-build");
	}

	@Test
	void anUnknownCommandIsNotUnderstoodAndGetsSuggestions() {
		assertThat(run("stat")).isEqualTo(2);
		assertThat(err()).startsWith("bakery: Unmatched argument at index 0: 'stat'")
			.contains("status", "Usage: bakery [-hV] [COMMAND]");
	}

	@Test
	void upOpensWithTheEnvironmentsSettingsAndItsOptions() {
		assertThat(up().settings()).satisfies((settings) -> {
			assertThat(settings.brokers()).isEqualTo(Brokers.ONE);
			assertThat(settings.simulate()).isFalse();
			assertThat(settings.keepData()).isFalse();
			assertThat(settings.timeScale()).isEqualTo("0.2");
		});
		Settings settings = up("--brokers", "3", "--keep-data", "--simulate").settings();
		assertThat(settings.brokers()).isEqualTo(Brokers.THREE);
		assertThat(settings.simulate()).isTrue();
		assertThat(settings.keepData()).isTrue();

		this.environment.put("BAKERY_BROKERS", "3");
		assertThat(up().settings().brokers()).isEqualTo(Brokers.THREE);
		assertThat(up("--brokers=1").settings().brokers()).isEqualTo(Brokers.ONE);
	}

	@Test
	void upRefusesAnythingButOneOrThreeBrokers() {
		assertThat(run("up", "--brokers", "2")).isEqualTo(2);
		assertThat(err()).startsWith("bakery: --brokers takes 1 or 3, not 2");
	}

	@Test
	void chaosRunsUntilCtrlCOrForAsLongAsItIsTold() {
		assertThat(up().chaos()).isZero();
		assertThat(up("--chaos").chaos()).isEqualTo(UpCommand.UNTIL_CTRL_C);
		assertThat(up("--chaos=3m").chaos()).isEqualTo(Duration.ofMinutes(3));
		assertThat(up("--chaos=90s", "--simulate").chaos()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void chaosTakesADurationAndIsNoFaults() {
		assertThat(run("up", "--chaos=soon")).isEqualTo(2);
		assertThat(err()).startsWith("bakery: --chaos takes a duration like 90s or 3m, not 'soon'");
		assertThat(run("up", "--faults", "--chaos")).isEqualTo(2);
		assertThat(err()).contains("bakery: --chaos or --faults, not both");
	}

	@Test
	void aPartIsNamedAsALearnerTypesIt() {
		assertThat(part("start", "packaging")).isEqualTo(Part.of(Department.PACKAGING));
		assertThat(part("stop", "bakery", "3")).isEqualTo(Part.of(Department.BAKEHOUSE, 3));
		assertThat(part("start", "kafka-2")).isEqualTo(new Part(Part.KAFKA, 2));
		assertThat(part("stop", "postgresql")).isEqualTo(Part.POSTGRESQL);
	}

	@Test
	void aPartThatDoesNotExistIsNotUnderstood() {
		assertThat(run("start", "oven")).isEqualTo(2);
		assertThat(err()).startsWith("bakery: no part of the bakery is called 'oven'")
			.contains("Usage: bakery start PART [INSTANCE]");
		assertThat(run("stop")).isEqualTo(2);
		assertThat(err()).contains("bakery: Missing required parameter: 'PART'");
	}

	@Test
	void aFailureIsSaidInOneLineWithStatusOne() {
		assertThat(run("stop", "kafka")).isOne();
		assertThat(err()).isEqualTo("bakery: kafka is not running\n");
	}

	@Test
	void aLabIsOneOfFour() {
		assertThat(run("lab")).isEqualTo(2);
		assertThat(err()).contains("bakery: Missing required subcommand");
		assertThat(run("help", "lab")).isZero();
		assertThat(out()).contains("  scaling ", "  brokers ", "  compaction ", "  transaction ");
	}

	@Test
	void benchOffersAHundredOrdersASecondForAMinuteAfterTenSecondsOfWarmUp() {
		Bench.Run run = bench().run();
		assertThat(run).isEqualTo(new Bench.Run(100, 16, Duration.ofSeconds(60), Duration.ofSeconds(10)));
		assertThat(run.name()).isEqualTo("fixed-100");
	}

	@Test
	void benchAtMaxRatePlacesAsFastAsTheTillAnswers() {
		Bench.Run run = bench("--rate=max", "--clients", "32", "--seconds=30", "--warm-up", "0").run();
		assertThat(run).isEqualTo(new Bench.Run(Bench.Run.MAX_RATE, 32, Duration.ofSeconds(30), Duration.ZERO));
		assertThat(run.name()).isEqualTo("max-32");
	}

	@Test
	void benchRefusesARateOrDurationThatIsNoPositiveNumber() {
		assertThat(run("bench", "--rate", "fast")).isEqualTo(2);
		assertThat(err()).startsWith("bakery: --rate takes orders per second or max, not 'fast'");
		assertThat(run("bench", "--seconds", "0")).isEqualTo(2);
		assertThat(err()).contains("bakery: --seconds takes a number of seconds, not '0'");
		assertThat(run("bench", "--warm-up", "-1")).isEqualTo(2);
		assertThat(err()).contains("bakery: --warm-up takes a number of seconds, not '-1'");
	}

	@Test
	void kafkasToolsArePointedAtTheBakerysBrokers() {
		assertThat(tool("kafka-topics", "--list")).containsExactly("--bootstrap-server", "localhost:9092", "--list");
		assertThat(tool("kafka-consumer-groups", "--bootstrap-server", "elsewhere:9092", "--list"))
			.containsExactly("--bootstrap-server", "elsewhere:9092", "--list");

		this.environment.put("BAKERY_BROKERS", "3");
		assertThat(tool("kafka-get-offsets", "--topic", "bakery.orders")).containsExactly("--bootstrap-server",
				"localhost:9092,localhost:9102,localhost:9112", "--topic", "bakery.orders");
	}

	@Test
	void everyKafkaToolIsOnTheClassPath() {
		assertThat(KafkaToolCommand.TOOLS.values()).allSatisfy(
				(mainClass) -> assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull());
	}

	@Test
	void completionCompletesCommandsOptionsAndPartsOfDotSlashBakery() {
		assertThat(run("completion")).isZero();
		assertThat(out())
			.contains("complete -F _complete_bakery -o default ./bakery", "kafka-share-groups", "--keep-data",
					"packaging-service", "kafka-controller")
			.doesNotContain("needs-build");
	}

	@Test
	void downWithNothingOpenClosesNothingAndSaysSo() {
		assertThat(run("down")).isZero();
		assertThat(out()).isEqualTo("bakery: Closing the bakery ...\n"
				+ "bakery: The bakery is closed: nothing left running. Logs: .bakery/logs/\n");
	}

	@Test
	void upAndTheShimBuildFirstWhileTheJarsAreMissing() {
		assertThat(run("needs-build")).isEqualTo(Build.NEEDED);
		assertThat(out()).startsWith("bakery: Building the bakery");
	}

	private int run(String... arguments) {
		this.out.reset();
		this.err.reset();
		return BakeryCommand.commandLine(this.home).execute(arguments);
	}

	private <T> T parse(Class<T> type, String... arguments) {
		CommandLine.ParseResult parsed = BakeryCommand.commandLine(this.home).parseArgs(arguments);
		return type.cast(parsed.subcommand().commandSpec().userObject());
	}

	private UpCommand up(String... options) {
		String[] arguments = new String[options.length + 1];
		arguments[0] = "up";
		System.arraycopy(options, 0, arguments, 1, options.length);
		return parse(UpCommand.class, arguments);
	}

	private BenchCommand bench(String... options) {
		String[] arguments = new String[options.length + 1];
		arguments[0] = "bench";
		System.arraycopy(options, 0, arguments, 1, options.length);
		return parse(BenchCommand.class, arguments);
	}

	private Part part(String... arguments) {
		CommandLine.ParseResult parsed = BakeryCommand.commandLine(this.home).parseArgs(arguments);
		Object command = parsed.subcommand().commandSpec().userObject();
		return ((command instanceof StartCommand start) ? start.parameters : ((StopCommand) command).parameters).part();
	}

	private List<String> tool(String... arguments) {
		return parse(KafkaToolCommand.class, arguments).arguments();
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
