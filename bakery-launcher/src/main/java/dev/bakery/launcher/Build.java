package dev.bakery.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Part;

/**
 * Whether the jars {@code ./bakery up} runs are up to date: each exists, and no
 * {@code pom.xml} and no file under a {@code src/main} changed since the oldest of them
 * was built (or since the shim's last build, which stamps its time in
 * {@code .bakery/build.stamp}: Maven leaves a jar alone when its content did not change).
 */
final class Build {

	/** The shims' "build, then run me again". */
	static final int NEEDED = 10;

	static final String BUILDING = "Building the bakery (the first build downloads Maven and the dependencies: a few "
			+ "minutes) ...";

	private static final Set<String> SKIPPED = Set.of(".git", ".bakery", "target", "node_modules", ".idea");

	private final Path root;

	private final List<Path> jars;

	private final Path stamp;

	Build(Path root, List<Path> jars, Path stamp) {
		this.root = root;
		this.jars = jars;
		this.stamp = stamp;
	}

	/** The launcher's jar, and the departments' and the board's runnable jars. */
	static Build of(Home home, Bakery bakery) {
		List<Path> jars = new ArrayList<>();
		jars.add(home.root().resolve("bakery-launcher/target/bakery-launcher.jar"));
		for (Part application : bakery.applications()) {
			try {
				jars.add(bakery.jar(application));
			}
			catch (BakeryFailure ex) {
				// Not built yet.
				jars.add(home.root().resolve(application.name()).resolve("target/" + application.name() + "-exec.jar"));
			}
		}
		return new Build(home.root(), jars, bakery.workspace().root().resolve("build.stamp"));
	}

	/** What makes the build stale, if anything: a missing jar, a changed source. */
	Optional<Path> staleBecauseOf() {
		FileTime oldest = null;
		for (Path jar : this.jars) {
			if (!Files.isRegularFile(jar)) {
				return Optional.of(jar);
			}
			FileTime built = modified(jar);
			if (oldest == null || built.compareTo(oldest) < 0) {
				oldest = built;
			}
		}
		if (Files.exists(this.stamp) && modified(this.stamp).compareTo(oldest) > 0) {
			oldest = modified(this.stamp);
		}
		return newerSource(oldest);
	}

	private Optional<Path> newerSource(FileTime built) {
		List<Path> newer = new ArrayList<>();
		try {
			Files.walkFileTree(this.root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
					return SKIPPED.contains(String.valueOf(directory.getFileName())) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					boolean source = file.getFileName().toString().equals("pom.xml")
							|| Build.this.root.relativize(file).toString().replace('\\', '/').contains("/src/main/");
					if (source && attributes.lastModifiedTime().compareTo(built) > 0) {
						newer.add(file);
						return FileVisitResult.TERMINATE;
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return newer.stream().findFirst();
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
