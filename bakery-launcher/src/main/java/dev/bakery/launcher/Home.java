package dev.bakery.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Settings;
import dev.bakery.runtime.Site;
import dev.bakery.runtime.Workspace;

/**
 * Where {@code ./bakery} runs: the repository (the departments' jars), its
 * {@code .bakery} workspace, the environment (the site's facts and the settings, each
 * overridable there) and the terminal.
 *
 * @param root the repository's root
 * @param environment the variables {@code ./bakery} was started with
 * @param terminal where it speaks
 */
record Home(Path root, Map<String, String> environment, Terminal terminal) {

	static Home current() {
		Path here = Path.of("").toAbsolutePath();
		for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
			if (Files.exists(candidate.resolve("bakery-launcher/pom.xml"))) {
				return new Home(candidate, System.getenv(), Terminal.system());
			}
		}
		throw new BakeryFailure("run ./bakery in the repository's root (no bakery-launcher/pom.xml in " + here + ")");
	}

	Workspace workspace() {
		return new Workspace(this.root.resolve(".bakery"));
	}

	Settings settings() {
		return Settings.from(this.environment);
	}

	/** This workspace's bakery, with the settings it was opened with, if open. */
	Bakery bakery() {
		return bakery(settings());
	}

	/** A bakery that says nothing: each command says what it does itself. */
	Bakery bakery(Settings settings) {
		return new Bakery(this.root, Site.load(this.environment), workspace(), settings, (said) -> {
		});
	}

}
