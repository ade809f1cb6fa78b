package dev.bakery.events.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The released versions of the contracts' schemas, as the repository keeps them:
 * {@code <directory>/<type>/v<n>.json}. A contract's current schema (generated from its
 * record) must be its latest released version; a change to it is released as the next
 * version only if it is FULL compatible with every version before it (transitive): the
 * departments are deployed apart, so an old reader meets a new writer's records
 * (forward), and a new reader meets the old records still in the log, replayed or not yet
 * read (backward).
 */
public final class ReleasedSchemas {

	/** The command that releases a changed contract's schema. */
	public static final String RELEASE_COMMAND = "./mvnw -B -pl bakery-events test -Dbakery.contracts.release=true";

	private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.json");

	private final Path directory;

	public ReleasedSchemas(Path directory) {
		this.directory = directory;
	}

	/** A released version of a contract's schema. */
	public record Version(int number, Path file, String text) {

		JsonNode schema() {
			return ContractSchemas.read(this.text);
		}

	}

	/** The released versions of a contract, oldest first. */
	public List<Version> versions(String type) {
		Path folder = this.directory.resolve(type);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			List<Version> versions = new ArrayList<>();
			for (Path file : files.toList()) {
				Matcher name = VERSION.matcher(file.getFileName().toString());
				if (name.matches()) {
					versions.add(new Version(Integer.parseInt(name.group(1)), file, Files.readString(file)));
				}
			}
			versions.sort(Comparator.comparingInt(Version::number));
			return versions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What stands between a contract's current schema and a green build: nothing if it is
	 * the latest released version; else why it cannot be released (each problem naming
	 * the field), or that it is compatible and waits to be released.
	 */
	public Verdict check(String type, JsonNode current) {
		List<Version> versions = versions(type);
		if (versions.isEmpty()) {
			return new Verdict(type, 1, true, List.of());
		}
		Version latest = versions.get(versions.size() - 1);
		if (latest.schema().equals(current)) {
			return Verdict.RELEASED;
		}
		List<String> problems = new ArrayList<>();
		for (Version version : versions) {
			SchemaCompatibility.full(current, version.schema())
				.forEach((problem) -> problems.add("v" + version.number() + ", " + problem));
		}
		return new Verdict(type, latest.number() + 1, problems.isEmpty(), problems);
	}

	/**
	 * Whether every released version of a contract is FULL compatible with every version
	 * before it; the problems, each naming the versions and the field.
	 */
	public List<String> problemsBetweenVersions(String type) {
		List<Version> versions = versions(type);
		List<String> problems = new ArrayList<>();
		for (int later = 1; later < versions.size(); later++) {
			for (int earlier = 0; earlier < later; earlier++) {
				Version newer = versions.get(later);
				Version older = versions.get(earlier);
				SchemaCompatibility.full(newer.schema(), older.schema())
					.forEach((problem) -> problems
						.add(type + " v" + newer.number() + " after v" + older.number() + ", " + problem));
			}
		}
		return problems;
	}

	/** Writes a contract's current schema as its next version. */
	public Path release(String type, int version, JsonNode current) {
		Path file = this.directory.resolve(type).resolve("v" + version + ".json");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, ContractSchemas.text(current));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param type the contract
	 * @param next the version its current schema would be released as
	 * @param releasable whether it may be released: compatible with every version before
	 * @param problems why not, each naming the field
	 */
	public record Verdict(String type, int next, boolean releasable, List<String> problems) {

		static final Verdict RELEASED = new Verdict(null, 0, false, List.of());

		public boolean released() {
			return this == RELEASED;
		}

		/** What the build says when the current schema is not the latest released one. */
		public String message() {
			if (!this.releasable) {
				return this.type + " breaks FULL_TRANSITIVE compatibility with its released schemas:\n  "
						+ String.join("\n  ", this.problems)
						+ "\nMake the change compatible (e.g. a new field @Nullable, so that a writer may leave it out),"
						+ " or make it a new contract.";
			}
			return this.type + " changed compatibly, but its schema is not released: release it as v" + this.next
					+ " with\n  " + RELEASE_COMMAND + "\nand commit the new version with docs/contracts.md.";
		}

	}

}
