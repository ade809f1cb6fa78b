package dev.bakery.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.commons.io.input.Tailer;
import org.apache.commons.io.input.TailerListenerAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.bakery.runtime.Bakery;

/**
 * {@code ./bakery logs [part]}: the last lines of one log, or of every log, then whatever
 * is written to them, as {@code tail -F} does; a log that appears later is followed too.
 */
@Command(name = "logs", description = { "Follows a part's log, or all logs, until Ctrl-C.",
		"The logs are in .bakery/logs/, one file per department, Kafka node and PostgreSQL." })
final class LogsCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "PART", completionCandidates = PartParameters.Names.class)
	String name;

	@Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE")
	String instance;

	private final Home home;

	private Path lastShown;

	LogsCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() throws IOException {
		Path directory = Files.createDirectories(this.home.workspace().logs());
		PrintStream out = this.home.terminal().out();
		String only = (this.name == null) ? null : PartParameters.parse(this.spec, this.name, this.instance) + ".log";
		Set<Path> followed = new HashSet<>();
		while (true) {
			for (Path log : logs(directory, only)) {
				if (followed.add(log)) {
					show(out, log, (only != null) ? 50 : 5);
					Tailer.builder()
						.setPath(log)
						.setCharset(StandardCharsets.ISO_8859_1)
						.setTailFromEnd(true)
						.setDelayDuration(Duration.ofMillis(250))
						.setTailerListener(new TailerListenerAdapter() {
							@Override
							public void handle(String line) {
								shown(out, log, List.of(line));
							}
						})
						.get();
				}
			}
			Bakery.pause(Duration.ofSeconds(1));
		}
	}

	private static List<Path> logs(Path directory, String only) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files
				.filter((file) -> (only == null) ? file.toString().endsWith(".log")
						: file.getFileName().toString().equals(only))
				.sorted()
				.toList();
		}
	}

	private void show(PrintStream out, Path log, int lines) {
		try {
			List<String> content = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
			shown(out, log, content.subList(Math.max(0, content.size() - lines), content.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The lines, under the log's name when another log's lines came before (each log has
	 * its own tailer thread).
	 */
	private synchronized void shown(PrintStream out, Path log, List<String> lines) {
		if (this.name == null && !log.equals(this.lastShown)) {
			out.println();
			out.println("==> " + log + " <==");
		}
		this.lastShown = log;
		lines.forEach(out::println);
		out.flush();
	}

}
