package dev.bakery.e2e;

import java.io.PrintStream;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.FaultSoak;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Connect;
import dev.bakery.runtime.Part;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery up --faults --connect}: every part breaks once while orders come in
 * (kill -9 of PostgreSQL, a broker, a bake house with orders in its ovens and the Connect
 * worker; each department dying at a chosen point of its work; a database away; poison on
 * every topic), and every order the till took is ready for pickup once, at the counter
 * and on the shelf, with nothing but the poison dead-lettered. The till's outbox goes
 * through Debezium meanwhile, the other departments' through their own relay, so that
 * both relays break. docs/reliability.md maps each guarantee to this test.
 */
@Order(10)
class FaultSoakIT {

	@Test
	void everyPartBreaksOnceAndNothingIsLostDoubledOrDeadLettered() {
		Bakery bakery = TheBakery.withThreeBrokers();
		Part worker = Part.of(Part.CONNECT);
		bakery.start(worker);
		FaultSoak.Result result;
		List<Part> running = bakery.parts().stream().filter(bakery::isRunning).toList();
		try {
			bakery.connect().relayTill(Connect.Relay.CONNECT);
			result = new FaultSoak(bakery, new PrintStream(System.out, true), new Random()).faults();
			assertThat(running).as("every part is back")
				.allSatisfy((part) -> assertThat(bakery.isServing(part)).as(part.toString()).isTrue());
		}
		finally {
			bakery.connect().relayTill(Connect.Relay.OWN);
			bakery.stop(worker);
		}

		assertThat(result.breaks()).hasSize(7).anyMatch((broken) -> broken.contains("the Connect worker killed"));
		assertThat(result.missed()).as("fault points armed and not reached").isEmpty();
		assertThat(result.placed()).isPositive();
		assertThat(result.lost()).as("lost: %s", result.unfinished()).isZero();
		assertThat(result.doubled()).as("doubled").isZero();
		assertThat(result.deadLettered()).as("dead-lettered besides the poison").isZero();
		assertThat(result.poison()).isEqualTo(8);
		assertThat(result.poisonNotDeadLettered()).as("poison not dead-lettered").isZero();
		assertThat(result.notOnTheShelf()).as("ready at the counter, not on the shelf").isZero();
		assertThat(result.twiceOnTheShelfTopic()).as("statuses twice on bakery.order-status (read_committed)").isZero();
	}

}
