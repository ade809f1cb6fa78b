package dev.bakery.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the launcher starts a JVM: the Java it runs on, with the launcher's own jar as the
 * class path (its manifest names Kafka's jars) for the broker.
 */
final class Java {

	private final Platform platform;

	private final Workspace workspace;

	Java(Platform platform, Workspace workspace) {
		this.platform = platform;
		this.workspace = workspace;
	}

	/** The launcher's class path, each entry absolute. */
	private static String classPath() {
		return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
	}

	private String executable() {
		return Path.of(System.getProperty("java.home"), "bin", this.platform.executable("java")).toString();
	}

	/**
	 * A JVM with these options running a main class (and its arguments) from the
	 * launcher's class path; {@code java.io.tmpdir} under {@code .bakery/}, so that
	 * nothing is left in the system's temporary directory.
	 */
	List<String> command(List<String> options, List<String> mainAndArguments) {
		List<String> command = new ArrayList<>(jvm(options));
		command.add("-cp");
		command.add(classPath());
		command.addAll(mainAndArguments);
		return command;
	}

	/** A JVM running an executable jar. */
	List<String> jar(List<String> options, Path jar) {
		List<String> command = new ArrayList<>(jvm(options));
		command.add("-jar");
		command.add(jar.toString());
		return command;
	}

	private List<String> jvm(List<String> options) {
		List<String> command = new ArrayList<>();
		command.add(executable());
		command.addAll(options);
		command.add("-Djava.io.tmpdir=" + this.workspace.tmp());
		return command;
	}

}
