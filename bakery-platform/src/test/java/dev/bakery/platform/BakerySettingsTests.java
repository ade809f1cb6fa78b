package dev.bakery.platform;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings every department shares are checked when it starts: a value out of range
 * stops it with a message that names the setting, rather than a department that runs with
 * it (an outbox relay that sends nothing, a station that works forever).
 */
class BakerySettingsTests {

	private final ApplicationContextRunner department = new ApplicationContextRunner()
		.withUserConfiguration(SettingsOfADepartment.class)
		.withPropertyValues("bakery.partitions=12");

	@Test
	void bindsTheDemosSettings() {
		this.department.withPropertyValues("bakery.time-scale=0.2", "bakery.outbox.poll-interval=50ms")
			.run((context) -> {
				BakerySettings settings = context.getBean(BakerySettings.class);
				assertThat(settings.timeScale()).isEqualTo(0.2);
				assertThat(settings.outbox().pollInterval()).isEqualTo(Duration.ofMillis(50));
				assertThat(settings.outbox().batchSize()).as("the default").isEqualTo(200);
			});
	}

	@Test
	void refusesToStartWithASettingOutOfRangeAndNamesIt() {
		this.department.withPropertyValues("bakery.outbox.batch-size=0", "bakery.time-scale=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContainingAll("bakery.outbox", "batchSize", "rejected value [0]", "timeScale",
						"rejected value [-1.0]"));
	}

	@EnableConfigurationProperties(BakerySettings.class)
	static class SettingsOfADepartment {

	}

}
