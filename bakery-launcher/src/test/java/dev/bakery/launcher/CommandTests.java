package dev.bakery.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code ./bakery}'s arguments mean, and what a learner hears when they make no
 * sense.
 */
class CommandTests {

	private final Site site = Site.load();

	private Command parse(String... arguments) {
		return Command.parse(this.site, List.of(arguments));
	}

	@Test
	void withoutArgumentsShowsHelp() {
		assertThat(parse()).isEqualTo(new Command.Help());
		assertThat(parse("--help")).isEqualTo(new Command.Help());
	}

	@Test
	void upTakesItsTwoOptionsInAnyOrder() {
		assertThat(parse("up")).isEqualTo(new Command.Up(false, false));
		assertThat(parse("up", "--keep-data", "--simulate")).isEqualTo(new Command.Up(true, true));
	}

	@Test
	void chaosRunsUntilCtrlCOrForAsLongAsItIsTold() {
		assertThat(((Command.Up) parse("up")).chaos()).isEqualTo(Command.Up.NO_CHAOS);
		assertThat(((Command.Up) parse("up", "--chaos")).chaos()).isEqualTo(Command.Up.UNTIL_CTRL_C);
		assertThat(((Command.Up) parse("up", "--chaos=3m")).chaos()).isEqualTo(Duration.ofMinutes(3));
		assertThat(((Command.Up) parse("up", "--chaos=90s")).chaos()).isEqualTo(Duration.ofSeconds(90));
		assertThatThrownBy(() -> parse("up", "--chaos=soon")).isInstanceOf(Command.Usage.class)
			.hasMessage("--chaos takes a duration like 90s or 3m, not 'soon'");
	}

	@Test
	void faultsBreakEachPartOnceAndAreNoChaos() {
		assertThat(parse("up", "--faults"))
			.isEqualTo(new Command.Up(false, false, Command.Up.NO_CHAOS, true, Optional.empty()));
		assertThatThrownBy(() -> parse("up", "--faults", "--chaos")).hasMessage("--chaos or --faults, not both");
	}

	@Test
	void upRefusesAnUnknownOption() {
		assertThatThrownBy(() -> parse("up", "--fast")).isInstanceOf(Command.Usage.class)
			.hasMessage("unknown option '--fast' (see ./bakery help)");
	}

	@Test
	void anUnknownCommandIsAnsweredWithTheUsage() {
		assertThatThrownBy(() -> parse("bake")).isInstanceOf(Command.Usage.class).hasMessage(null);
	}

	@Test
	void aDepartmentMayBeNamedShort() {
		assertThat(parse("stop", "packaging")).isEqualTo(new Command.Stop(ProcessName.of("packaging-service")));
		assertThat(parse("start", "packaging-service"))
			.isEqualTo(new Command.Start(ProcessName.of("packaging-service")));
		assertThat(parse("stop", "postgresql")).isEqualTo(new Command.Stop(ProcessName.of(Site.POSTGRES)));
	}

	@Test
	void anExtraInstanceOfADepartmentListensTenPortsFurtherOn() {
		Command.Start start = (Command.Start) parse("start", "bakery", "3");
		assertThat(start.name()).hasToString("bakery-service-3");
		assertThat(start.name().port(this.site)).isEqualTo(this.site.port("bakery-service") + 20);
	}

	@Test
	void onlyADepartmentOrKafkaRunsMoreThanOnce() {
		assertThatThrownBy(() -> parse("start", "postgres", "2")).isInstanceOf(Command.Usage.class)
			.hasMessage("only a department or kafka can run more than one instance");
	}

	@Test
	void theBrokersOfAClusterAreNamedAsTheirPidFilesAndListenTenPortsApart() {
		assertThat(parse("stop", "kafka-2")).isEqualTo(new Command.Stop(new ProcessName(Site.KAFKA, 2)));
		assertThat(parse("start", "kafka", "3")).isEqualTo(new Command.Start(new ProcessName(Site.KAFKA, 3)));
		assertThat(parse("stop", "kafka-controller")).isEqualTo(new Command.Stop(ProcessName.of(Brokers.CONTROLLER)));
		assertThat(new Brokers(3).nodes()).extracting((node) -> node.toString() + ":" + node.port(this.site))
			.containsExactly("kafka-controller:9093", "kafka:9092", "kafka-2:9102", "kafka-3:9112");
		assertThat(new Brokers(3).nodes())
			.allSatisfy((node) -> assertThat(ProcessName.ofFileName(node.toString())).isEqualTo(node));
	}

	@Test
	void upOpensOneOrThreeBrokers() {
		assertThat(((Command.Up) parse("up")).brokers()).isEmpty();
		assertThat(((Command.Up) parse("up", "--brokers", "3", "--simulate")).brokers()).contains(new Brokers(3));
		assertThat(((Command.Up) parse("up", "--brokers=1")).brokers()).contains(Brokers.ONE);
		assertThatThrownBy(() -> parse("up", "--brokers", "2")).hasMessage("--brokers takes 1 or 3, not '2'");
		assertThatThrownBy(() -> parse("up", "--brokers")).hasMessage("--brokers takes 1 or 3, not ''");
	}

	@Test
	void refusesNamesAndInstancesThatDoNotExist() {
		assertThatThrownBy(() -> parse("start", "oven")).hasMessage("unknown name 'oven' (see ./bakery help)");
		assertThatThrownBy(() -> parse("start", "bakery", "0")).hasMessage("instance must be a number from 1, not '0'");
		assertThatThrownBy(() -> parse("stop")).hasMessage("usage: ./bakery stop <name> [instance]");
	}

	@Test
	void thereAreTwoLabs() {
		assertThat(parse("lab", "scaling")).isEqualTo(new Command.Lab("scaling"));
		assertThat(parse("lab", "brokers")).isEqualTo(new Command.Lab("brokers"));
		assertThatThrownBy(() -> parse("lab")).hasMessage("usage: ./bakery lab scaling|brokers");
		assertThatThrownBy(() -> parse("lab", "baking")).hasMessage("usage: ./bakery lab scaling|brokers");
	}

	@Test
	void logsFollowOneProcessOrAll() {
		assertThat(parse("logs")).isEqualTo(new Command.Logs(Optional.empty()));
		assertThat(parse("logs", "bakery", "2"))
			.isEqualTo(new Command.Logs(Optional.of(new ProcessName("bakery-service", 2))));
	}

	@Test
	void kafkaToolsArePointedAtTheBakerysBrokers() {
		assertThat(((Command.KafkaTool) parse("kafka-topics", "--list"))
			.withBootstrapServers(Brokers.ONE.bootstrapServers(this.site)))
			.isEqualTo(new Command.KafkaTool("org.apache.kafka.tools.TopicCommand",
					List.of("--bootstrap-server", "localhost:9092", "--list")));
		assertThat(((Command.KafkaTool) parse("kafka-topics", "--list"))
			.withBootstrapServers(new Brokers(3).bootstrapServers(this.site))
			.arguments())
			.containsExactly("--bootstrap-server", "localhost:9092,localhost:9102,localhost:9112", "--list");
		assertThat(
				((Command.KafkaTool) parse("kafka-consumer-groups", "--bootstrap-server", "elsewhere:9092", "--list"))
					.withBootstrapServers("localhost:9092"))
			.isEqualTo(new Command.KafkaTool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
					List.of("--bootstrap-server", "elsewhere:9092", "--list")));
	}

	@Test
	void everyKafkaToolIsOnTheLaunchersClassPath() {
		assertThat(Command.KAFKA_TOOLS.values()).allSatisfy(
				(mainClass) -> assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull());
	}

	@Test
	void aPidFileNameGivesBackItsProcess() {
		assertThat(ProcessName.ofFileName("bakery-service-2")).isEqualTo(new ProcessName("bakery-service", 2));
		assertThat(ProcessName.ofFileName("sales-service")).isEqualTo(ProcessName.of("sales-service"));
		assertThat(ProcessName.ofFileName("kafka")).isEqualTo(ProcessName.of(Site.KAFKA));
	}

}
