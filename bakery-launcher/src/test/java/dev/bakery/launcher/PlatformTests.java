package dev.bakery.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which PostgreSQL binaries the launcher picks, from what Java says about the machine.
 */
class PlatformTests {

	@Test
	void linuxOnIntelAndArm() {
		assertThat(Platform.of("Linux", "amd64").postgresBinaries()).isEqualTo("postgres-linux-x86_64.txz");
		assertThat(Platform.of("Linux", "aarch64").postgresBinaries()).isEqualTo("postgres-linux-arm_64.txz");
	}

	@Test
	void macOsOnIntelAndAppleSilicon() {
		assertThat(Platform.of("Mac OS X", "x86_64").postgresBinaries()).isEqualTo("postgres-darwin-x86_64.txz");
		assertThat(Platform.of("Mac OS X", "aarch64").postgresBinaries()).isEqualTo("postgres-darwin-arm_64.txz");
	}

	@Test
	void windowsProgramsEndInExe() {
		Platform windows = Platform.of("Windows 11", "amd64");
		assertThat(windows.postgresBinaries()).isEqualTo("postgres-windows-x86_64.txz");
		assertThat(windows.executable("pg_ctl")).isEqualTo("pg_ctl.exe");
		assertThat(Platform.of("Linux", "amd64").executable("pg_ctl")).isEqualTo("pg_ctl");
	}

	@Test
	void aMachineZonkyBuildsNoPostgresForIsRefusedWithAWayOut() {
		assertThatThrownBy(() -> Platform.of("Windows 11", "aarch64")).isInstanceOf(Platform.UnsupportedPlatform.class)
			.hasMessageContaining("docker compose up");
		assertThatThrownBy(() -> Platform.of("SunOS", "sparcv9")).isInstanceOf(Platform.UnsupportedPlatform.class);
		assertThatThrownBy(() -> Platform.of("Linux", "s390x")).isInstanceOf(Platform.UnsupportedPlatform.class);
	}

	@Test
	void theLauncherCarriesTheBinariesOfEverySupportedPlatform() {
		assertThat(Platform.SUPPORTED).hasSize(5)
			.allSatisfy((platform) -> assertThat(getClass().getClassLoader().getResource(platform.postgresBinaries()))
				.as(platform.toString())
				.isNotNull());
	}

	@Test
	void thisMachineIsOneOfThem() {
		assertThat(Platform.SUPPORTED).contains(Platform.current());
	}

}
