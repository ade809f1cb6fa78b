package dev.bakery.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * A department's runnable jar, extracted (Spring Boot's {@code -Djarmode=tools extract}),
 * with a class data sharing archive of the classes it loads while it starts: the JVM maps
 * them in instead of loading them one by one, and the department starts in about half the
 * time (docs/performance.md). The archive comes from one training run
 * ({@code -XX:ArchiveClassesAtExit} with {@code spring.context.exit=onRefresh}: the
 * context starts against the real Kafka and PostgreSQL and ends), the first time the
 * department starts after a build; it is kept beside the jar in {@code target/cds/}. A
 * JVM that cannot use the archive (another JDK, other options) says so and starts without
 * it.
 */
final class ClassDataSharing {

	private static final String ARCHIVE = "application.jsa";

	/**
	 * The jar the archive was made from, by its checksum: a build that writes the same
	 * jar keeps the archive.
	 */
	private static final String SOURCE = "source.crc";

	private static final Duration TRAINING = Duration.ofMinutes(2);

	private static final Map<Path, Object> PREPARING = new ConcurrentHashMap<>();

	private final Path jar;

	private final Path directory;

	ClassDataSharing(Path jar) {
		this.jar = jar;
		this.directory = jar.resolveSibling("cds");
	}

	/**
	 * How to run the department: from the archive once it is there and newer than the
	 * jar; else from the jar.
	 */
	List<String> command(List<String> javaOptions) {
		List<String> command = new ArrayList<>();
		command.add(Processes.java());
		command.addAll(javaOptions);
		if (ready()) {
			command.add("-XX:SharedArchiveFile=" + this.directory.resolve(ARCHIVE));
			command.addAll(List.of("-jar", this.directory.resolve(this.jar.getFileName()).toString()));
		}
		else {
			command.addAll(List.of("-jar", this.jar.toString()));
		}
		return command;
	}

	/**
	 * Extracts the jar and makes the archive, unless it is there already; one process at
	 * a time per department (an extra instance may start beside the first). A training
	 * run that fails leaves no archive: the department starts from its jar, as before.
	 * @param environment the department's, as for a real start (its port a free one)
	 * @param log where the training run writes
	 */
	void prepare(List<String> javaOptions, Map<String, String> environment, Path log) {
		synchronized (PREPARING.computeIfAbsent(this.directory, (directory) -> new Object())) {
			if (ready()) {
				return;
			}
			try {
				Files.createDirectories(this.directory);
				try (FileChannel channel = FileChannel.open(this.directory.resolve("lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					if (!ready()) {
						train(javaOptions, environment, log);
					}
				}
			}
			catch (IOException ex) {
				throw new BakeryFailure("could not prepare " + this.jar.getFileName() + " for a quick start: " + ex);
			}
		}
	}

	private void train(List<String> javaOptions, Map<String, String> environment, Path log) throws IOException {
		Path archive = this.directory.resolve(ARCHIVE);
		Files.deleteIfExists(archive);
		Files.deleteIfExists(this.directory.resolve(SOURCE));
		Files.createDirectories(log.getParent());
		Files.writeString(log, "%n=== a training run for a quicker start: %s, a class data sharing archive ===%n"
			.formatted(this.directory), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		if (!run(List.of(Processes.java(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract", "--destination",
				this.directory.toString(), "--force"), Map.of(), log)) {
			return;
		}
		List<String> training = new ArrayList<>(List.of(Processes.java()));
		training.addAll(javaOptions);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
				"-Dspring.context.exit=onRefresh", "-jar", this.directory.resolve(this.jar.getFileName()).toString()));
		Map<String, String> variables = new HashMap<>(environment);
		variables.put("SERVER_PORT", Integer.toString(Site.freePort()));
		if (run(training, variables, log) && Files.exists(archive)) {
			Files.writeString(this.directory.resolve(SOURCE), checksum(this.jar));
		}
		else {
			Files.deleteIfExists(archive);
		}
	}

	private boolean ready() {
		Path source = this.directory.resolve(SOURCE);
		try {
			return Files.exists(this.directory.resolve(ARCHIVE)) && Files.exists(source)
					&& Files.readString(source).equals(checksum(this.jar));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String checksum(Path file) throws IOException {
		CRC32 crc = new CRC32();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				crc.update(buffer, 0, read);
			}
		}
		return Files.size(file) + " " + Long.toHexString(crc.getValue());
	}

	private static boolean run(List<String> command, Map<String, String> environment, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(TRAINING.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
