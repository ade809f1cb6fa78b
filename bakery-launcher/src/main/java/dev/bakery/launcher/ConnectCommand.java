package dev.bakery.launcher;

import java.util.Locale;
import java.util.concurrent.Callable;

import dev.bakery.runtime.Connect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bakery connect [--relay connect|own]}: the Kafka Connect worker's connectors.
 */
@Command(name = "connect",
		description = { "Lists the Kafka Connect worker's connectors and their tasks' states.",
				"--relay connect hands the till's outbox to Debezium, --relay own back to the till's own relay "
						+ "(the till restarts; ./bakery start connect first)." })
final class ConnectCommand implements Callable<Integer> {

	@Option(names = "--relay", paramLabel = "connect|own", description = "Who sends the till's outbox to Kafka.")
	String relay;

	private final Home home;

	ConnectCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		Connect connect = this.home.bakery().connect();
		if (this.relay != null) {
			this.home.terminal().say("The till's outbox goes to " + this.relay + " (the till restarts) ...");
			connect.relayTill(Connect.Relay.valueOf(this.relay.toUpperCase(Locale.ROOT)));
		}
		this.home.terminal().print(connect.report());
		return 0;
	}

}
