package dev.bakery.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.bakery.runtime.Bakery;

/**
 * {@code ./bakery logs}: the last lines of one log, or of every log, and then whatever is
 * written to them, as {@code tail -F} does (a log that appears later is followed too).
 */
final class Follow {

	private final Path directory;

	private final PrintStream out;

	private final Map<Path, Long> positions = new HashMap<>();

	private Path lastShown;

	Follow(Path directory, PrintStream out) {
		this.directory = directory;
		this.out = out;
	}

	/**
	 * Follows one log ({@code name.log}), or all logs when the name is null, until
	 * Ctrl-C.
	 */
	void follow(String name) throws IOException {
		Files.createDirectories(this.directory);
		boolean all = name == null;
		for (Path log : logs(name)) {
			show(log, all ? 5 : 50, all);
		}
		while (true) {
			for (Path log : logs(name)) {
				if (!this.positions.containsKey(log)) {
					show(log, 5, all);
				}
				else {
					showNew(log, all);
				}
			}
			Bakery.pause(Duration.ofMillis(250));
		}
	}

	private List<Path> logs(String name) throws IOException {
		if (name != null) {
			return List.of(this.directory.resolve(name + ".log"));
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".log")).sorted().toList();
		}
	}

	private void show(Path log, int lines, boolean header) throws IOException {
		if (!Files.exists(log)) {
			return;
		}
		List<String> content = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
		header(log, header);
		content.subList(Math.max(0, content.size() - lines), content.size()).forEach(this.out::println);
		this.out.flush();
		this.positions.put(log, Files.size(log));
	}

	private void showNew(Path log, boolean header) throws IOException {
		if (!Files.exists(log)) {
			return;
		}
		long size = Files.size(log);
		long position = this.positions.get(log);
		if (size < position) {
			// Truncated or replaced: start again from its beginning.
			position = 0;
		}
		if (size == position) {
			return;
		}
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			file.seek(position);
			byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
			file.readFully(bytes);
			header(log, header);
			this.out.write(bytes);
			this.out.flush();
			this.positions.put(log, position + bytes.length);
		}
	}

	private void header(Path log, boolean header) {
		if (header && !log.equals(this.lastShown)) {
			this.out.println();
			this.out.println("==> " + log + " <==");
		}
		this.lastShown = log;
	}

}
