package dev.bakery.e2e;

import java.io.PrintStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.ConnectLab;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab connect} (walkthrough step 18): the till's outbox relayed by a real
 * Kafka Connect worker with Debezium's PostgreSQL connector, against the real PostgreSQL;
 * the worker is killed (kill -9) and restarted and the till's database goes away while
 * orders come in. The shared bakery's till goes back to its own relay afterwards.
 */
@Order(7)
class ConnectLabIT {

	@Test
	void debeziumRelaysEveryOrderOnceThroughCrashesAndTheHeadOfficeTableEqualsTheShelf() {
		ConnectLab.Result result = new ConnectLab(TheBakery.get(), new PrintStream(System.out, true)).run();

		assertThat(result.onTheBoard()).as("the board shows both connectors running").isTrue();
		assertThat(result.sameAsTheOutbox()).as("the record carries exactly the till's outbox row").isTrue();
		assertThat(result.placed()).as("orders placed").isGreaterThan(20);
		assertThat(result.lost()).as("orders lost").isZero();
		assertThat(result.doubled()).as("orders on bakery.orders twice").isZero();
		assertThat(result.notReady()).as("orders that did not reach READY_FOR_PICKUP").isZero();
		assertThat(result.officeEqualsShelf()).as("the office's table equals the shelf").isTrue();
		assertThat(result.handedOverLeftTheOffice()).as("the collected order left the office's table").isTrue();
	}

}
