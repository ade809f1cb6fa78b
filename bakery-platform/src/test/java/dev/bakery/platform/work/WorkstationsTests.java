package dev.bakery.platform.work;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.RecordedSpans;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.tracing.Traceparents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stations against the real broker and database, fed by the listener container their
 * configuration builds, with stations whose work the test controls
 * ({@link ControlledStation}). Each member of a group is a {@link Workstations} with its
 * own consumer, as each instance of a department is; several run in this JVM. Each test
 * has a topic and a group of its own.
 */
@SpringBootTest(properties = { "spring.config.import=classpath:bakery-platform.yml", "bakery.database=platform",
		"spring.flyway.locations=classpath:db/migration/platform,classpath:db/migration/stations",
		"bakery.outbox.poll-interval=50ms", "management.tracing.export.zipkin.enabled=false" })
@AutoConfigureTracing
@Import({ BakeryTestInfrastructure.class, RecordedSpans.class })
class WorkstationsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/** Where the stations report, through the outbox. */
	private static final String REPORTS = "stations.reports";

	private static Admin admin;

	@Autowired
	private ConcurrentKafkaListenerContainerFactoryConfigurer configurer;

	@Autowired
	private ConsumerFactory<Object, Object> consumers;

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private JdbcClient database;

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private Tracer tracer;

	@Autowired
	private Traceparents traces;

	@Autowired
	private InMemorySpanExporter spans;

	private final String group = "stations-" + UUID.randomUUID();

	private String topic;

	private final List<Instance> members = new ArrayList<>();

	@BeforeAll
	static void openAdmin() throws Exception {
		admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()));
		admin.createTopics(List.of(new NewTopic(REPORTS, 1, (short) 1))).all().get();
	}

	@AfterAll
	static void closeAdmin() {
		admin.close();
	}

	@AfterEach
	void closeMembers() throws Exception {
		for (Instance member : this.members) {
			member.close();
		}
	}

	@Test
	void leavesTheBacklogInKafkaWhileEveryStationIsBusyAndTakesTheNextRecordWhenOneFrees() throws Exception {
		newTopic(1);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		List<PlacedOrder> orders = place(0, 5);

		await().atMost(PATIENCE).until(() -> a.holdsExactly(orders.subList(0, 2)));
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).untilAsserted(() -> {
			assertThat(a.read).as("records the stations were handed").isEqualTo(ids(orders.subList(0, 2)));
			assertThat(lag()).as("the group's lag: the orders at the stations and the three waiting").isEqualTo(5);
		});

		a.station.letGo(orders.get(1).orderId());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(a.station.atStation()).as("the next record took the free station")
				.containsExactlyInAnyOrder(orders.get(0).orderId(), orders.get(2).orderId()));
		assertThat(a.read).isEqualTo(ids(orders.subList(0, 3)));
	}

	@Test
	void commitsAnOffsetOnlyPastWorkThatIsDoneInOffsetOrder() throws Exception {
		newTopic(1);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		List<PlacedOrder> orders = place(0, 3);
		await().atMost(PATIENCE).until(() -> a.holdsExactly(orders.subList(0, 2)));

		a.station.letGo(orders.get(1).orderId());
		await().atMost(PATIENCE).until(() -> a.station.atStation().contains(orders.get(2).orderId()));

		await().during(Duration.ofMillis(500))
			.atMost(PATIENCE)
			.untilAsserted(() -> assertThat(committed(orders.get(0)))
				.as("the first order is still at its station; the second, done, waits for it")
				.isEqualTo(orders.get(0).offset()));

		a.station.letGo(orders.get(0).orderId());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(committed(orders.get(0))).as("past the two done, not past the third")
				.isEqualTo(orders.get(2).offset()));

		a.station.letGo(orders.get(2).orderId());

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isZero());
		assertThat(orders).allSatisfy((order) -> assertThat(reported(order)).as("order %s", order.orderId())
			.containsExactly(new Reported("IN_OVEN", "station-a"), new Reported("BAKED", "station-a")));
	}

	@Test
	void anOrderDeliveredAgainIsWorkedOnOnceWhetherItIsStillAtItsStationOrDone() throws Exception {
		newTopic(1);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		PlacedOrder order = place(0, 1).get(0);
		await().atMost(PATIENCE).until(() -> a.holdsExactly(List.of(order)));

		PlacedOrder whileAtWork = placeAgain(order);

		await().atMost(PATIENCE).until(() -> a.read.size() == 2);
		await().during(Duration.ofMillis(500))
			.atMost(PATIENCE)
			.untilAsserted(() -> assertThat(committed(order)).as("the copy waits for the order at the station")
				.isEqualTo(order.offset()));
		a.station.letGo(order.orderId());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(order)).isEqualTo(whileAtWork.offset() + 1));

		PlacedOrder whenDone = placeAgain(order);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(order)).isEqualTo(whenDone.offset() + 1));
		assertThat(a.read).containsExactly(order.orderId(), order.orderId(), order.orderId());
		assertThat(a.station.arrivals()).as("at a station once").containsExactly(order.orderId());
		assertThat(reported(order)).containsExactly(new Reported("IN_OVEN", "station-a"),
				new Reported("BAKED", "station-a"));
		assertThat(a.meters.get(a.station.doneMeter()).counter().count()).as("counted done once").isEqualTo(1);
		assertThat(a.meters.get(a.station.timeMeter()).timer().count()).as("timed once").isEqualTo(1);
	}

	@Test
	void atTimeScaleZeroAStationBeginsAndFinishesATrayOfOrdersInOneTransaction() throws Exception {
		newTopic(2);
		// Waiting before the member joins, so that its polls bring many at once.
		List<PlacedOrder> orders = new ArrayList<>(place(0, 20));
		orders.addAll(place(1, 20));

		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 0);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isZero());
		assertThat(this.database
			.sql("SELECT count(*) FROM station_jobs WHERE order_id IN (:ids) AND status = 'DONE'"
					+ " AND started_by = 'station-a' AND finished_by = 'station-a'")
			.param("ids", ids(orders))
			.query(Long.class)
			.single()).isEqualTo(orders.size());
		// A row's xmin is the transaction that wrote it last: here the one that began and
		// finished the job.
		assertThat(this.database.sql("SELECT count(DISTINCT xmin::text) FROM station_jobs WHERE order_id IN (:ids)")
			.param("ids", ids(orders))
			.query(Long.class)
			.single()).as("transactions for %d orders", orders.size()).isLessThanOrEqualTo(orders.size() / 4);
		assertThat(orders).allSatisfy((order) -> assertThat(reported(order)).as("order %s", order.orderId())
			.containsExactly(new Reported("IN_OVEN", "station-a"), new Reported("BAKED", "station-a")));
		assertThat(a.station.arrivals()).as("orders that spent time at a station").isEmpty();
		assertThat(a.meters.get(a.station.doneMeter()).counter().count()).isEqualTo(orders.size());
		assertThat(a.meters.get(a.station.timeMeter()).timer().max(TimeUnit.MILLISECONDS)).as("no time at a station")
			.isZero();
	}

	@Test
	void aMemberThatJoinsTakesOverPartOfTheBacklogAndWaitsForTheWorkLeftAtTheOldOwnersStations() throws Exception {
		newTopic(2);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		Map<Integer, List<PlacedOrder>> orders = new HashMap<>();
		for (int partition : List.of(0, 1)) {
			orders.put(partition, new ArrayList<>(place(partition, 1)));
		}
		await().atMost(PATIENCE).until(() -> a.station.atStation().size() == 2);
		for (int partition : List.of(0, 1)) {
			orders.get(partition).addAll(place(partition, 2));
		}

		Instance b = join("station-b", ControlledStation.open(2, REPORTS), 1);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(owners()).as("each member owns a partition")
				.containsOnlyKeys("station-a", "station-b")
				.allSatisfy((member, partitions) -> assertThat(partitions).hasSize(1)));
		int moved = owners().get("station-b").iterator().next().partition();
		PlacedOrder atTheOldOwner = orders.get(moved).get(0);
		List<PlacedOrder> behindIt = orders.get(moved).subList(1, 3);
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(behindIt).allSatisfy((order) -> assertThat(reported(order)).as("waiting, now baked by b")
				.containsExactly(new Reported("IN_OVEN", "station-b"), new Reported("BAKED", "station-b")));
			assertThat(b.read).as("b read the order at a's station again").contains(atTheOldOwner.orderId());
		});
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).untilAsserted(() -> {
			assertThat(a.station.atStation()).contains(atTheOldOwner.orderId());
			assertThat(committed(atTheOldOwner)).as("b waits for the order at a's station before it moves on")
				.isEqualTo(atTheOldOwner.offset());
		});

		a.station.letGo(atTheOldOwner.orderId());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(committed(atTheOldOwner)).isEqualTo(behindIt.get(1).offset() + 1));
		assertThat(reported(atTheOldOwner)).as("finished by its old owner, not started again by the new one")
			.containsExactly(new Reported("IN_OVEN", "station-a"), new Reported("BAKED", "station-a"));
		assertThat(b.station.arrivals()).doesNotContain(atTheOldOwner.orderId());
		a.station.letGoAll();
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isZero());
		assertThat(orders.values().stream().flatMap(List::stream)).as("each order at one station, each step once")
			.allSatisfy((order) -> assertThat(reported(order)).satisfiesExactly(
					(in) -> assertThat(in.status()).isEqualTo("IN_OVEN"),
					(out) -> assertThat(out).isEqualTo(new Reported("BAKED", reported(order).get(0).station()))));
	}

	@Test
	void aMemberThatLeavesGracefullyLeavesTheGroupFirstThenFinishesWhatIsAtItsStations() throws Exception {
		newTopic(2);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		Instance b = join("station-b", ControlledStation.open(2, REPORTS), 1);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(owners()).containsOnlyKeys("station-a", "station-b")
				.allSatisfy((member, partitions) -> assertThat(partitions).hasSize(1)));
		List<PlacedOrder> orders = place(owners().get("station-a").iterator().next().partition(), 3);
		List<PlacedOrder> atStations = orders.subList(0, 2);
		PlacedOrder waiting = orders.get(2);
		await().atMost(PATIENCE).until(() -> a.holdsExactly(atStations));

		// As Spring closes a department: it stops the listener containers, then destroys
		// the beans (Workstations#close).
		a.consumer.stop();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(a::closeStations);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(owners()).as("a has left the group").containsOnlyKeys("station-b");
			assertThat(reported(waiting)).containsExactly(new Reported("IN_OVEN", "station-b"),
					new Reported("BAKED", "station-b"));
			assertThat(b.read).containsAll(ids(atStations));
		});
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).untilAsserted(() -> {
			assertThat(closing).as("a closing while its stations work").isNotDone();
			assertThat(committed(waiting)).as("b waits for a's orders").isEqualTo(atStations.get(0).offset());
		});

		a.station.letGoAll();

		await().atMost(PATIENCE).until(closing::isDone);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(waiting)).isEqualTo(waiting.offset() + 1));
		assertThat(atStations).allSatisfy((order) -> assertThat(reported(order)).as("finished by a, once")
			.containsExactly(new Reported("IN_OVEN", "station-a"), new Reported("BAKED", "station-a")));
		assertThat(b.station.arrivals()).doesNotContainAnyElementsOf(ids(atStations));
	}

	/**
	 * A member that dies (kill -9) leaves its jobs at work in the database and their
	 * records uncommitted. Here member a leaves that state: its consumer goes away (at
	 * once; a killed member's partitions move when its session times out, which is
	 * Kafka's part) and its stations never finish.
	 */
	@Test
	void theOrdersADeadMemberLeftAtItsStationsAreTakenOverOnceOverdueReportingOnlyWhatWasMissing() throws Exception {
		newTopic(1);
		Instance a = join("station-a", ControlledStation.holding(2, REPORTS), 1);
		List<PlacedOrder> orders = place(0, 3);
		List<PlacedOrder> leftAtWork = orders.subList(0, 2);
		await().atMost(PATIENCE).until(() -> a.holdsExactly(leftAtWork));
		a.consumer.stop();
		assertThat(committed(orders.get(0))).as("a's records, uncommitted").isEqualTo(orders.get(0).offset());
		assertThat(leftAtWork).allSatisfy((order) -> assertThat(job(order)).as("a's jobs, at work")
			.containsEntry("status", "WORKING")
			.containsEntry("started_by", "station-a"));

		Instance b = join("station-b", ControlledStation.open(2, REPORTS), 1);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isZero());
		assertThat(leftAtWork).allSatisfy((order) -> {
			assertThat(reported(order)).as("the step a reported, then only the missing one")
				.containsExactly(new Reported("IN_OVEN", "station-a"), new Reported("BAKED", "station-b"));
			Map<String, Object> job = job(order);
			Instant due = ((Timestamp) job.get("started_at")).toInstant().plus(ControlledStation.WORK);
			assertThat(((Timestamp) job.get("finished_at")).toInstant()).as("taken over once overdue")
				.isAfterOrEqualTo(due.plus(Workstations.OVERDUE));
		});
		assertThat(reported(orders.get(2))).containsExactly(new Reported("IN_OVEN", "station-b"),
				new Reported("BAKED", "station-b"));
		assertThat(b.station.arrivals()).as("not started again").doesNotContainAnyElementsOf(ids(leftAtWork));

		// A member taken for dead that comes back after all (stalled, not dead) finds
		// its jobs done and reports nothing more.
		a.station.letGoAll();
		a.closeStations();
		assertThat(leftAtWork).allSatisfy((order) -> assertThat(reported(order)).hasSize(2));
	}

	@Test
	void anOrdersTimeAtAStationIsASpanOfTheTraceItsRecordWasReceivedIn() throws Exception {
		newTopic(1);
		Instance a = join("station-a", ControlledStation.open(1, REPORTS), 1);
		PlacedOrder order = place(0, 1).get(0);

		await().atMost(PATIENCE).until(() -> reported(order).size() == 2);

		TraceContext received = a.received.get(order.orderId());
		await().atMost(PATIENCE).untilAsserted(() -> {
			SpanData station = stationSpan(received.traceId(), "controlled-station");
			assertThat(station.getParentSpanId()).as("a child of the span the record was received in")
				.isEqualTo(received.spanId());
			assertThat(traceparents(order)).as("IN_OVEN recorded where the record was received, BAKED at the station")
				.containsExactly(traceparent(received.traceId(), received.spanId()),
						traceparent(received.traceId(), station.getSpanId()));
		});
	}

	@Test
	void inATrayEveryOrderKeepsItsOwnTrace() throws Exception {
		newTopic(1);
		// Time scale 0: the work takes no time, and a station takes a tray of orders.
		Instance a = join("station-a", ControlledStation.open(1, REPORTS), 0);
		List<PlacedOrder> orders = place(0, 3);

		await().atMost(PATIENCE).until(() -> orders.stream().allMatch((order) -> reported(order).size() == 2));

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(orders).allSatisfy((order) -> {
			TraceContext received = a.received.get(order.orderId());
			SpanData station = stationSpan(received.traceId(), "controlled-station");
			assertThat(station.getParentSpanId()).isEqualTo(received.spanId());
			String atStation = traceparent(received.traceId(), station.getSpanId());
			assertThat(traceparents(order)).containsExactly(atStation, atStation);
		}));
	}

	private SpanData stationSpan(String traceId, String name) {
		return RecordedSpans.ofTrace(this.spans, traceId)
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " in trace " + traceId));
	}

	/** A span as a traceparent names it, without the flags. */
	private static String traceparent(String traceId, String spanId) {
		return "00-" + traceId + "-" + spanId;
	}

	/**
	 * An instance of the department, a member of the group: its stations, and the
	 * consumer that feeds them.
	 */
	private final class Instance {

		final ControlledStation station;

		final Workstations<OrderPlaced> stations;

		final ConcurrentMessageListenerContainer<Object, Object> consumer;

		/** The department's meters, this member's alone. */
		final SimpleMeterRegistry meters = new SimpleMeterRegistry();

		/**
		 * The orders the consumer handed to the stations, in order, again if read again.
		 */
		final List<UUID> read = new CopyOnWriteArrayList<>();

		/** The span each order's record was last received in. */
		final Map<UUID, TraceContext> received = new ConcurrentHashMap<>();

		Instance(String name, ControlledStation station, double timeScale) {
			this.station = station;
			BakerySettings settings = new BakerySettings(name, 1, timeScale, Duration.ofMinutes(1),
					new BakerySettings.Outbox(Duration.ofMillis(50), 200, BakerySettings.Relay.OWN,
							Duration.ofHours(24), Duration.ofMinutes(1)));
			this.stations = new Workstations<>(station, new StationJobs(WorkstationsTests.this.database),
					WorkstationsTests.this.outbox, WorkstationsTests.this.transactions, settings, this.meters,
					WorkstationsTests.this.traces, station);
			this.consumer = new WorkstationsConfiguration()
				.stationsListenerContainerFactory(WorkstationsTests.this.configurer, WorkstationsTests.this.consumers,
						this.stations, station, WorkstationsTests.this.kafka, settings)
				.createContainer(WorkstationsTests.this.topic);
			this.consumer.getContainerProperties().setGroupId(WorkstationsTests.this.group);
			this.consumer.setBeanName(name);
			this.consumer.setupMessageListener((MessageListener<String, OrderPlaced>) (record) -> {
				this.read.add(record.value().orderId());
				// In a span of its own, as spring-kafka's observation receives a
				// department's record.
				Tracer tracer = WorkstationsTests.this.tracer;
				Span received = tracer.nextSpan().name("received").start();
				this.received.put(record.value().orderId(), received.context());
				try (Tracer.SpanInScope scope = tracer.withSpan(received)) {
					this.stations.take(record);
				}
				finally {
					received.end();
				}
			});
		}

		/** Whether exactly these orders are at its stations now. */
		boolean holdsExactly(List<PlacedOrder> orders) {
			return this.station.atStation().equals(Set.copyOf(ids(orders)));
		}

		void closeStations() {
			try {
				this.stations.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		void close() {
			this.consumer.stop();
			this.station.letGoAll();
			closeStations();
		}

	}

	private Instance join(String name, ControlledStation station, double timeScale) {
		Instance member = new Instance(name, station, timeScale);
		this.members.add(member);
		member.consumer.start();
		return member;
	}

	private void newTopic(int partitions) throws Exception {
		this.topic = "stations-" + UUID.randomUUID();
		admin.createTopics(List.of(new NewTopic(this.topic, partitions, (short) 1))).all().get();
	}

	/** An order placed on the test's topic, where it landed. */
	private record PlacedOrder(UUID orderId, TopicPartition partition, long offset) {
	}

	private List<PlacedOrder> place(int partition, int count) throws Exception {
		List<PlacedOrder> placed = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			placed.add(send(partition, UUID.randomUUID()));
		}
		return placed;
	}

	/** The same order once more, on the same partition, as a producer's retry would. */
	private PlacedOrder placeAgain(PlacedOrder order) throws Exception {
		return send(order.partition().partition(), order.orderId());
	}

	private PlacedOrder send(int partition, UUID orderId) throws Exception {
		RecordMetadata sent = this.kafka
			.send(this.topic, partition, orderId.toString(),
					new OrderPlaced(orderId, "Anna", List.of(new OrderLine("BREZEL", 1)), Instant.now()))
			.get()
			.getRecordMetadata();
		return new PlacedOrder(orderId, new TopicPartition(sent.topic(), sent.partition()), sent.offset());
	}

	private static List<UUID> ids(List<PlacedOrder> orders) {
		return orders.stream().map(PlacedOrder::orderId).toList();
	}

	/** A step an order's work was reported at, and by which member. */
	private record Reported(String status, String station) {
	}

	/** What the stations reported of an order, in the order they recorded it. */
	private List<Reported> reported(PlacedOrder order) {
		return this.database
			.sql("SELECT payload::jsonb ->> 'status', payload::jsonb ->> 'station' FROM outbox"
					+ " WHERE message_key = :key ORDER BY id")
			.param("key", order.orderId().toString())
			.query((row, number) -> new Reported(row.getString(1), row.getString(2)))
			.list();
	}

	/**
	 * The spans the stations recorded an order's events in (their traceparents without
	 * the flags), in the order recorded.
	 */
	private List<String> traceparents(PlacedOrder order) {
		return this.database
			.sql("SELECT substring(traceparent from '^(.*)-[0-9a-f]{2}$') FROM outbox WHERE message_key = :key"
					+ " ORDER BY id")
			.param("key", order.orderId().toString())
			.query(String.class)
			.list();
	}

	private Map<String, Object> job(PlacedOrder order) {
		return this.database
			.sql("SELECT status, started_by, started_at, finished_at FROM station_jobs WHERE order_id = :id")
			.param("id", order.orderId())
			.query()
			.singleRow();
	}

	/** The group's committed offset on the order's partition. */
	private long committed(PlacedOrder order) throws Exception {
		OffsetAndMetadata committed = admin.listConsumerGroupOffsets(this.group)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(order.partition());
		return (committed != null) ? committed.offset() : -1;
	}

	/**
	 * The group's lag on the test's topic: records written, not yet done and committed.
	 */
	private long lag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.group)
			.partitionsToOffsetAndMetadata()
			.get();
		int partitions = admin.describeTopics(List.of(this.topic))
			.allTopicNames()
			.get()
			.get(this.topic)
			.partitions()
			.size();
		Map<TopicPartition, OffsetSpec> ends = IntStream.range(0, partitions)
			.mapToObj((partition) -> new TopicPartition(this.topic, partition))
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(ends).all().get().entrySet()) {
			OffsetAndMetadata position = committed.get(end.getKey());
			lag += end.getValue().offset() - ((position != null) ? position.offset() : 0);
		}
		return lag;
	}

	/**
	 * The partitions each member owns, by member name, once the group has settled; none
	 * while it rebalances.
	 */
	private Map<String, Set<TopicPartition>> owners() throws Exception {
		ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(this.group))
			.describedGroups()
			.get(this.group)
			.get();
		Map<String, Set<TopicPartition>> owners = new HashMap<>();
		if (description.groupState() != GroupState.STABLE) {
			return owners;
		}
		for (MemberDescription member : description.members()) {
			owners.put(member.clientId().replaceFirst("-0$", ""), member.assignment().topicPartitions());
		}
		return owners;
	}

}
