package dev.bakery.launcher;

import java.util.Iterator;
import java.util.List;

import dev.bakery.runtime.Part;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A part as a learner names it: {@code bakery-service 2}, {@code packaging},
 * {@code kafka-2}.
 */
final class PartParameters {

	@Spec(Spec.Target.MIXEE)
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PART", completionCandidates = Names.class,
			description = "checkout-service, bakery-service, packaging-service, sales-service (or checkout, bakery, "
					+ "packaging, sales), kafka, postgres; with --brokers 3 also kafka-2, kafka-3, kafka-controller")
	String name;

	@Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE",
			description = "2, 3, ...: another instance of a department, on its port + 10, + 20, ...")
	String instance;

	Part part() {
		return parse(this.spec, this.name, this.instance);
	}

	static Part parse(CommandSpec spec, String name, String instance) {
		try {
			return Part.parse(name, instance);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(spec.commandLine(), ex.getMessage());
		}
	}

	/** What the shell completes. */
	static final class Names implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return List
				.of("checkout-service", "bakery-service", "packaging-service", "sales-service", Part.BOARD, Part.KAFKA,
						"kafka-2", "kafka-3", Part.CONTROLLER, Part.POSTGRES)
				.iterator();
		}

	}

}
