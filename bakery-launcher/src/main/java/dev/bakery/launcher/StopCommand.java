package dev.bakery.launcher;

import java.util.concurrent.Callable;

import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.BakeryFailure;
import dev.bakery.runtime.Part;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./bakery stop <part> [instance]}. */
@Command(name = "stop", description = { "Stops one part while the rest runs.",
		"A department leaves its consumer group at once and finishes the orders at its stations before it exits; "
				+ "a broker hands its partitions over." })
final class StopCommand implements Callable<Integer> {

	@Mixin
	PartParameters parameters;

	private final Home home;

	StopCommand(Home home) {
		this.home = home;
	}

	@Override
	public Integer call() {
		Part part = this.parameters.part();
		Bakery bakery = this.home.bakery();
		if (!bakery.isRunning(part)) {
			throw new BakeryFailure(part + " is not running");
		}
		this.home.terminal()
			.say("Stopping " + part + (part.isDepartment() ? " (it finishes the orders at its stations first)" : "")
					+ " ...");
		bakery.stop(part);
		this.home.terminal().say(part + " stopped. ./bakery start " + startArguments(part) + " starts it again.");
		return 0;
	}

	/** What starts the part again: {@code bakery-service 2}, {@code kafka-2}. */
	static String startArguments(Part part) {
		return (part.instance() == 1 || !part.isDepartment()) ? part.toString() : part.name() + " " + part.instance();
	}

}
