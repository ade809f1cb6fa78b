package dev.bakery.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a bakery creates, under one directory ({@code .bakery/} for
 * {@code ./bakery}, {@code target/...} for a test): {@code logs/} (one file per process),
 * {@code data/} (Kafka's log and PostgreSQL's data), {@code run/} (which process is
 * which), {@code tmp/} and {@code cache/} (PostgreSQL's unpacked binaries).
 * <p>
 * A process is known by its pid file, {@code run/<part>.pid}: its process id and when it
 * started, so that an id the system has since given to another program is not taken for
 * the bakery's. Every command, in any JVM, reads the same files: that is how
 * {@code ./bakery stop} in one terminal finds what {@code ./bakery up} started in
 * another.
 */
public final class Workspace {

	private static final String SUPERVISOR = "up";

	private static final String CLOSE_REQUEST = "close-requested";

	private final Path root;

	public Workspace(Path root) {
		this.root = root.toAbsolutePath();
	}

	public Path root() {
		return this.root;
	}

	public Path logs() {
		return this.root.resolve("logs");
	}

	public Path run() {
		return this.root.resolve("run");
	}

	public Path data() {
		return this.root.resolve("data");
	}

	public Path tmp() {
		return this.root.resolve("tmp");
	}

	public Path cache() {
		return this.root.resolve("cache");
	}

	public Path log(Part part) {
		return logs().resolve(part + ".log");
	}

	/**
	 * A path as a learner sees it, from the repository's root:
	 * {@code .bakery/logs/kafka.log}.
	 */
	public String shown(Path path) {
		return this.root.getFileName() + "/" + this.root.relativize(path).toString().replace('\\', '/');
	}

	void createDirectories() {
		for (Path directory : List.of(logs(), run(), data(), tmp(), cache())) {
			try {
				Files.createDirectories(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	void remember(Part part, ProcessHandle process) {
		delete(run().resolve(part + ".deliberate"));
		remember(part.toString(), process);
	}

	/**
	 * This part is to die on purpose (a fault test): its death is not a crash to report.
	 */
	void expectDeath(Part part) {
		write(run().resolve(part + ".deliberate"), "");
	}

	/** Whether this part's last death was on purpose, as a fault test kills a part. */
	public boolean diedDeliberately(Part part) {
		return Files.exists(run().resolve(part + ".deliberate"));
	}

	void forget(Part part) {
		delete(pidFile(part.toString()));
	}

	/**
	 * Whether a pid file names this part, running or not: gone without a stop means it
	 * died.
	 */
	public boolean knows(Part part) {
		return Files.exists(pidFile(part.toString()));
	}

	public Optional<ProcessHandle> running(Part part) {
		return running(part.toString());
	}

	/** Every part a pid file names, running or not. */
	public List<Part> known() {
		if (!Files.isDirectory(run())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(run())) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".pid") && !file.equals(SUPERVISOR + ".pid"))
				.map((file) -> Part.ofFileName(file.substring(0, file.length() - ".pid".length())))
				.sorted(Comparator.comparing(Part::toString))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The process that keeps watch over this bakery ({@code ./bakery up}), while it runs.
	 */
	public Optional<ProcessHandle> supervisor() {
		return running(SUPERVISOR);
	}

	/**
	 * A new supervisor takes charge: a request to close made to an earlier one is void.
	 */
	public void supervisedBy(ProcessHandle process) {
		remember(SUPERVISOR, process);
		delete(run().resolve(CLOSE_REQUEST));
	}

	/**
	 * Asks the supervisor to close the bakery ({@code ./bakery down} in another
	 * terminal). A file rather than a signal: the supervisor reads it whatever signals it
	 * may hear, on Windows too.
	 */
	public void requestClose() {
		write(run().resolve(CLOSE_REQUEST), Long.toString(ProcessHandle.current().pid()));
	}

	public boolean closeRequested() {
		return Files.exists(run().resolve(CLOSE_REQUEST));
	}

	/**
	 * Forgets every process and request of an earlier run, but not a living supervisor:
	 * the one about to open the bakery.
	 */
	void clearRun() {
		Optional<ProcessHandle> supervisor = supervisor();
		delete(run());
		supervisor.ifPresent(this::supervisedBy);
	}

	private void remember(String name, ProcessHandle process) {
		Instant started = process.info().startInstant().orElse(Instant.EPOCH);
		write(pidFile(name), process.pid() + " " + started.toEpochMilli());
	}

	private Optional<ProcessHandle> running(String name) {
		String[] content;
		try {
			content = Files.readString(pidFile(name)).strip().split(" ");
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

	private Path pidFile(String name) {
		return run().resolve(name + ".pid");
	}

	/**
	 * Written beside and moved into place in one step: another JVM reading the file (a
	 * supervisor watching the pid files while {@code ./bakery start} rewrites one) sees
	 * the old content or the new, never an empty file. CI's walkthrough once read one
	 * empty, and the supervisor's watch, which also hears {@code ./bakery down}, died of
	 * it.
	 */
	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Path written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
			Files.writeString(written, content);
			Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void delete(Path path) {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
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
