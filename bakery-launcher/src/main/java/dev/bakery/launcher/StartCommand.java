package dev.bakery.launcher;

import java.util.concurrent.Callable;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./bakery start <part> [instance]}. */
@Command(name = "start", description = { "Starts a part (again, also after a crash).",
		"It catches up on everything Kafka kept for it while it was away. Instance 2, 3, ... starts one more of a "
				+ "department, on its port + 10, + 20, ... (./bakery start bakery-service 2: port 8092); its "
				+ "consumer group shares the partitions with it." })
final class StartCommand implements Callable<Integer> {

	@Mixin
	PartParameters parameters;

	private final Home home;

	StartCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		Part part = this.parameters.part();
		Bakery bakery = this.home.bakery();
		this.home.terminal().say("Starting " + part + " ...");
		bakery.start(part);
		this.home.terminal()
			.say(part + " is up on port " + bakery.port(part) + " (log: " + bakery.workspace().shown(bakery.log(part))
					+ ")");
		return 0;
	}

}
