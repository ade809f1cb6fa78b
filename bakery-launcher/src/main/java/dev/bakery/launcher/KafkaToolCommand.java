package dev.bakery.launcher;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bakery.runtime.BakeryFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * One of Kafka's own command-line tools, run in this JVM as its {@code bin/kafka-*.sh}
 * script of a Kafka download would, pointed at the open bakery's brokers unless the
 * arguments name a {@code --bootstrap-server}.
 */
@Command(description = { "Kafka's bin/${COMMAND-NAME}.sh, pointed at the bakery's brokers.",
		"Its arguments are Kafka's own (--help lists them); without --bootstrap-server it gets the open bakery's "
				+ "brokers (with three, all three)." })
final class KafkaToolCommand implements Callable<Integer> {

	/** Each tool's main class, by the name of its script. */
	static final Map<String, String> TOOLS = new LinkedHashMap<>();

	static {
		TOOLS.put("kafka-topics", "org.apache.kafka.tools.TopicCommand");
		TOOLS.put("kafka-consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
		TOOLS.put("kafka-share-groups", "org.apache.kafka.tools.consumer.group.ShareGroupCommand");
		TOOLS.put("kafka-console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer");
		TOOLS.put("kafka-console-producer", "org.apache.kafka.tools.ConsoleProducer");
		TOOLS.put("kafka-get-offsets", "org.apache.kafka.tools.GetOffsetShell");
	}

	@Unmatched
	List<String> arguments = new ArrayList<>();

	private final Home home;

	private final String mainClass;

	KafkaToolCommand(Home home, String mainClass) {
		this.home = home;
		this.mainClass = mainClass;
	}

	List<String> arguments() {
		if (this.arguments.contains("--bootstrap-server")) {
			return this.arguments;
		}
		List<String> arguments = new ArrayList<>(List.of("--bootstrap-server", this.home.bakery().bootstrapServers()));
		arguments.addAll(this.arguments);
		return arguments;
	}

	@Override
	public Integer call() throws ReflectiveOperationException {
		try {
			Class.forName(this.mainClass)
				.getMethod("main", String[].class)
				.invoke(null, (Object) arguments().toArray(String[]::new));
			return 0;
		}
		catch (InvocationTargetException ex) {
			throw new BakeryFailure(String.valueOf(ex.getCause()));
		}
	}

}
