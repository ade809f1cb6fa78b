package dev.bakery.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@code ./bakery up} builds first: a jar is missing, or a source is newer than the
 * jars.
 */
class BuildTests {

	private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

	@TempDir
	Path root;

	private Path jar;

	private Path source;

	private Build build;

	@BeforeEach
	void aBuiltProject() throws IOException {
		this.source = file("bakery-service/src/main/java/Oven.java", BUILT.minusSeconds(60));
		file("pom.xml", BUILT.minusSeconds(60));
		this.jar = file("bakery-service/target/bakery-service-exec.jar", BUILT);
		this.build = new Build(this.root, List.of(this.jar), this.root.resolve(".bakery/build.stamp"));
	}

	@Test
	void jarsNewerThanEverySourceAreUpToDate() {
		assertThat(this.build.staleBecauseOf()).isEmpty();
	}

	@Test
	void aMissingJarMeansABuild() throws IOException {
		Files.delete(this.jar);
		assertThat(this.build.staleBecauseOf()).contains(this.jar);
	}

	@Test
	void aChangedSourceOrPomMeansABuild() throws IOException {
		touch(this.source, BUILT.plusSeconds(1));
		assertThat(this.build.staleBecauseOf()).contains(this.source);

		touch(this.source, BUILT.minusSeconds(60));
		Path pom = file("bakery-service/pom.xml", BUILT.plusSeconds(1));
		assertThat(this.build.staleBecauseOf()).contains(pom);
	}

	@Test
	void testsBuildOutputAndTheLaunchersOwnFilesDoNotCount() throws IOException {
		file("bakery-service/src/test/java/OvenTests.java", BUILT.plusSeconds(1));
		file("bakery-service/target/classes/Oven.class", BUILT.plusSeconds(1));
		file(".bakery/logs/bakery-service.log", BUILT.plusSeconds(1));
		assertThat(this.build.staleBecauseOf()).isEmpty();
	}

	@Test
	void aBuildThatLeftAnUnchangedJarAloneStampsItsTime() throws IOException {
		touch(this.source, BUILT.plusSeconds(1));
		file(".bakery/build.stamp", BUILT.plusSeconds(2));
		assertThat(this.build.staleBecauseOf()).isEmpty();
	}

	private Path file(String name, Instant modified) throws IOException {
		Path file = this.root.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, name);
		touch(file, modified);
		return file;
	}

	private static void touch(Path file, Instant modified) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(modified));
	}

}
