package dev.bakery.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./bakery up} writes down is what {@code ./bakery start} in another terminal
 * starts with.
 */
class SettingsTests {

	@TempDir
	Path run;

	@Test
	void savedSettingsComeBackAsTheyWere() {
		Settings up = Settings
			.from(Map.of("BAKERY_SIMULATION_TIME_SCALE", "0.25", "BAKERY_JAVA_OPTS", "-Xmx256m -Xss1m",
					"BAKERY_STARTUP_TIMEOUT", "90", "BAKERY_BIND_ADDRESS", "0.0.0.0"))
			.simulating()
			.with(new Brokers(3));
		Path file = this.run.resolve("settings.properties");
		up.save(file);

		assertThat(Settings.from(Map.of()).orSaved(file)).isEqualTo(up);
		assertThat(Settings.from(Map.of()).orSaved(file).brokers()).isEqualTo(new Brokers(3));
		assertThat(up.javaOptions()).isEqualTo(List.of("-Xmx256m", "-Xss1m"));
		assertThat(up.departmentEnvironment()).containsEntry("SERVER_ADDRESS", "0.0.0.0")
			.containsEntry("BAKERY_SIMULATOR_ENABLED", "true");
	}

}
