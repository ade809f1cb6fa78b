package dev.bakery.platform.work;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.bakery.platform.BakerySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkstationsTests {

	private static final BakerySettings REAL_TIME = new BakerySettings("test", 6, 1.0, null);

	private Workstations stations;

	@AfterEach
	void close() throws InterruptedException {
		this.stations.close();
	}

	@Test
	void noMoreJobsRunAtOnceThanThereAreStations() {
		this.stations = new Workstations("oven", 2, REAL_TIME);
		AtomicInteger working = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		for (int job = 0; job < 6; job++) {
			this.stations.process(() -> mostAtOnce.accumulateAndGet(working.incrementAndGet(), Math::max),
					Duration.ofMillis(100), () -> {
						working.decrementAndGet();
						finished.incrementAndGet();
					});
		}

		await().atMost(Duration.ofSeconds(10)).untilAtomic(finished, org.hamcrest.Matchers.equalTo(6));
		assertThat(mostAtOnce).hasValue(2);
	}

	@Test
	void aLongJobHoldsUpOnlyItsOwnStation() {
		this.stations = new Workstations("oven", 2, REAL_TIME);
		Queue<String> done = new ConcurrentLinkedQueue<>();
		this.stations.process(() -> {
		}, Duration.ofSeconds(3), () -> done.add("long"));
		for (String job : List.of("short-1", "short-2", "short-3")) {
			this.stations.process(() -> {
			}, Duration.ofMillis(50), () -> done.add(job));
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 4);
		assertThat(done).containsExactly("short-1", "short-2", "short-3", "long");
	}

	@Test
	void aStepThatFailsForAWhileIsRetriedUntilItSucceeds() {
		this.stations = new Workstations("oven", 1, new BakerySettings("test", 6, 0, null));
		AtomicInteger attempts = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		this.stations.process(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw new TransientDataAccessResourceException("the database is away");
			}
		}, Duration.ofSeconds(1), finished::incrementAndGet);

		await().atMost(Duration.ofSeconds(10)).untilAtomic(finished, org.hamcrest.Matchers.equalTo(1));
		assertThat(attempts).hasValue(3);
	}

}
