package dev.bakery.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the launcher creates, under {@code .bakery/}: {@code logs/} (one file per
 * process), {@code data/} (Kafka's log and PostgreSQL's data; deleted when the bakery
 * closes unless {@code --keep-data}), {@code run/} (which process is which), {@code tmp/}
 * and {@code cache/} (the unpacked PostgreSQL binaries).
 * <p>
 * A process is known by a pid file, {@code run/<name>.pid}, holding its process id and
 * when it started: a process id that the operating system has since given to another
 * program is not taken for the bakery's.
 */
final class Workspace {

	static final String UP = "up";

	private final Path root;

	Workspace(Path root) {
		this.root = root;
	}

	Path root() {
		return this.root;
	}

	Path logs() {
		return this.root.resolve("logs");
	}

	Path run() {
		return this.root.resolve("run");
	}

	Path data() {
		return this.root.resolve("data");
	}

	/**
	 * The settings {@code ./bakery up} opened the bakery with ({@link Settings#save}).
	 */
	Path settings() {
		return run().resolve("settings.properties");
	}

	Path tmp() {
		return this.root.resolve("tmp");
	}

	Path cache() {
		return this.root.resolve("cache");
	}

	Path log(String name) {
		return logs().resolve(name + ".log");
	}

	/** The log's path as a learner sees it: {@code .bakery/logs/kafka.log}. */
	String shown(Path path) {
		return ".bakery/" + this.root.relativize(path).toString().replace('\\', '/');
	}

	void remember(String name, ProcessHandle process) {
		Instant started = process.info().startInstant().orElse(Instant.EPOCH);
		write(pidFile(name), process.pid() + " " + started.toEpochMilli());
	}

	void forget(String name) {
		delete(pidFile(name));
	}

	/** Whether a pid file names this process, running or not. */
	boolean knows(String name) {
		return Files.exists(pidFile(name));
	}

	/** The process of a pid file, if it still runs. */
	Optional<ProcessHandle> running(String name) {
		Path file = pidFile(name);
		String[] content;
		try {
			content = Files.readString(file).strip().split(" ");
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long started = (content.length > 1) ? Long.parseLong(content[1]) : 0;
		return ProcessHandle.of(Long.parseLong(content[0]))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> started == 0 || process.info()
				.startInstant()
				.map((instant) -> Math.abs(instant.toEpochMilli() - started) < 1000)
				.orElse(true));
	}

	/** Every process a pid file names, running or not, except {@code ./bakery up}. */
	List<ProcessName> known() {
		if (!Files.isDirectory(run())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(run())) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".pid") && !file.equals(UP + ".pid"))
				.map((file) -> ProcessName.ofFileName(file.substring(0, file.length() - ".pid".length())))
				.sorted(java.util.Comparator.comparing(ProcessName::toString))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path pidFile(String name) {
		return run().resolve(name + ".pid");
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path path) {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
					Files.deleteIfExists(directory);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + path, ex);
		}
	}

}
