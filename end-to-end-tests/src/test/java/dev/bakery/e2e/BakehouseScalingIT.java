package dev.bakery.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.infrastructure.TopicReader;
import dev.bakery.platform.kafka.KafkaMessagingConfiguration;

import static dev.bakery.events.BakingStatusChanged.Status.BAKED;
import static dev.bakery.events.BakingStatusChanged.Status.IN_OVEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More members of the consumer group {@code bakery}, each a real bake-house process: the
 * backlog waits in Kafka as lag, a member that joins takes over partitions and the orders
 * waiting on them, a member that leaves gracefully finishes what is in its ovens first,
 * and the orders a killed member left in its ovens are finished by another, each event
 * once.
 */
class BakehouseScalingIT {

	private static final int OVENS = 2;

	/** One tray of rye bread: 40 s at real time, 6 s here. */
	private static final String[] SETTINGS = { "bakery.time-scale=0.15", "bakery.bakehouse.ovens=" + OVENS,
			"bakery.outbox.poll-interval=50ms" };

	private static final String DATABASE = "bakery_scaling";

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static DepartmentProcess first;

	private static Admin admin;

	private static KafkaProducer<String, Object> till;

	@BeforeAll
	static void openTheFirstBakeHouse() throws Exception {
		String kafka = Infrastructure.get().kafkaBootstrapServers();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
		till = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(),
				KafkaMessagingConfiguration.eventSerializer());
		first = DepartmentProcess.start(Department.BAKEHOUSE, "bake-house-a", 18182, DATABASE, SETTINGS);
	}

	@AfterAll
	static void closeIt() throws Exception {
		first.close();
		till.close();
		admin.close();
	}

	@Test
	void aBacklogWaitsInKafkaAndAMemberThatJoinsTakesOverPartOfIt() throws Exception {
		List<UUID> orders = place(16);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(lag()).as("orders waiting in Kafka, the ovens' included")
				.isGreaterThanOrEqualTo(orders.size() - OVENS));
		assertThat(inOvenNow(orders)).as("orders in the ovens while the rest waits").hasSizeLessThanOrEqualTo(OVENS);

		try (DepartmentProcess second = DepartmentProcess.start(Department.BAKEHOUSE, "bake-house-b", 18192, DATABASE,
				SETTINGS)) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(partitionsByMember()).as("both members own partitions")
					.containsOnlyKeys(first.instanceId, second.instanceId)
					.allSatisfy((member, partitions) -> assertThat(partitions).isNotEmpty()));
			Map<UUID, Baked> baked = awaitBaked(orders);

			assertThat(baked.values()).extracting(Baked::bakedBy)
				.as("the joining member baked orders that were waiting")
				.contains(second.instanceId, first.instanceId);
			assertThat(baked.values()).as("each order in one oven, on one instance")
				.allSatisfy((order) -> assertThat(order.inOvenBy()).isEqualTo(order.bakedBy()));
			second.stopGracefully();
		}
	}

	@Test
	void aMemberThatLeavesGracefullyFinishesWhatIsInItsOvensFirst() throws Exception {
		DepartmentProcess second = DepartmentProcess.start(Department.BAKEHOUSE, "bake-house-c", 18202, DATABASE,
				SETTINGS);
		List<UUID> orders = place(12);
		await().atMost(PATIENCE).until(() -> !inOvenNow(orders, second.instanceId).isEmpty());

		second.stopGracefully();
		Map<UUID, Baked> baked = awaitBaked(orders);

		assertThat(baked.values()).extracting(Baked::inOvenBy).contains(second.instanceId);
		assertThat(baked.values()).as("each order in one oven, on one instance: nothing baked twice")
			.allSatisfy((order) -> assertThat(order.inOvenBy()).isEqualTo(order.bakedBy()));
	}

	@Test
	void theOrdersAKilledMemberLeftInItsOvensAreFinishedByAnotherEachEventOnce() throws Exception {
		DepartmentProcess second = DepartmentProcess.start(Department.BAKEHOUSE, "bake-house-d", 18212, DATABASE,
				SETTINGS);
		List<UUID> orders = place(12);
		await().atMost(PATIENCE).until(() -> !inOvenNow(orders, second.instanceId).isEmpty());

		second.kill();
		Map<UUID, Baked> baked = awaitBaked(orders);

		assertThat(baked.values()).as("left in the killed member's oven, taken out by the other")
			.anySatisfy((order) -> {
				assertThat(order.inOvenBy()).isEqualTo(second.instanceId);
				assertThat(order.bakedBy()).isEqualTo(first.instanceId);
			});
	}

	private static List<UUID> place(int count) throws Exception {
		List<UUID> orders = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID orderId = UUID.randomUUID();
			till.send(new ProducerRecord<>(Topics.ORDERS, orderId.toString(),
					new OrderPlaced(orderId, "Customer " + i, List.of(new OrderLine("ROGGENBROT", 12)), Instant.now())))
				.get();
			orders.add(orderId);
		}
		return orders;
	}

	/**
	 * Waits until every order is baked, and checks that each has exactly one
	 * {@code IN_OVEN} and one {@code BAKED} event on the topic: each step reported once.
	 * <p>
	 * An outbox relay killed after the broker took an event and before it marked it sent
	 * leaves it to be sent again by the next relay: the same event (its station and time
	 * to the microsecond) in a second record, which the idempotent consumers ignore. Such
	 * copies are counted and printed, not taken for a step reported twice; a step
	 * reported again (by the member that took the order over) would be another event,
	 * with its own station and time, and fails the test.
	 */
	private static Map<UUID, Baked> awaitBaked(List<UUID> orders) {
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(changes(orders).stream()
				.filter((change) -> change.status() == BAKED)
				.map(BakingStatusChanged::orderId)
				.distinct()).hasSameSizeAs(orders));
		List<BakingStatusChanged> records = changes(orders);
		List<BakingStatusChanged> events = records.stream().distinct().toList();
		System.out.printf("SCALING %d baking-status records of %d orders, %d of them sent again by a relay%n",
				records.size(), orders.size(), records.size() - events.size());
		Map<UUID, Baked> baked = new HashMap<>();
		Map<UUID, List<BakingStatusChanged>> byOrder = events.stream()
			.collect(Collectors.groupingBy(BakingStatusChanged::orderId));
		for (UUID orderId : orders) {
			assertThat(byOrder.get(orderId)).extracting(BakingStatusChanged::status)
				.as("order %s on the topic", orderId)
				.containsExactly(IN_OVEN, BAKED);
			baked.put(orderId, new Baked(byOrder.get(orderId).get(0).station(), byOrder.get(orderId).get(1).station()));
		}
		return baked;
	}

	private static List<BakingStatusChanged> changes(List<UUID> orders) {
		try (TopicReader reader = new TopicReader(Topics.BAKING_STATUS)) {
			Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
			return reader.all()
				.stream()
				.filter((record) -> keys.contains(record.key()))
				.map((record) -> TopicReader.value(record, BakingStatusChanged.class))
				.toList();
		}
	}

	private static List<UUID> inOvenNow(List<UUID> orders) {
		return inOvenNow(orders, null);
	}

	/** Orders in an oven now: in, not yet out (of this station's, if one is given). */
	private static List<UUID> inOvenNow(List<UUID> orders, String station) {
		Map<UUID, List<BakingStatusChanged>> byOrder = changes(orders).stream()
			.collect(Collectors.groupingBy(BakingStatusChanged::orderId));
		return byOrder.entrySet()
			.stream()
			.filter((order) -> order.getValue().size() == 1 && order.getValue().get(0).status() == IN_OVEN)
			.filter((order) -> station == null || station.equals(order.getValue().get(0).station()))
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * The group's lag on {@code bakery.orders}: records written, not yet done and
	 * committed.
	 */
	private static long lag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("bakery")
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = committed.keySet()
			.stream()
			.filter((partition) -> partition.topic().equals(Topics.ORDERS))
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			OffsetAndMetadata position = committed.get(end.getKey());
			lag += end.getValue().offset() - ((position != null) ? position.offset() : 0);
		}
		return lag;
	}

	/** The group's members by instance (client id without the container's suffix). */
	private static Map<String, List<TopicPartition>> partitionsByMember() throws Exception {
		Map<String, List<TopicPartition>> members = new HashMap<>();
		for (MemberDescription member : admin.describeConsumerGroups(List.of("bakery"))
			.describedGroups()
			.get("bakery")
			.get()
			.members()) {
			members.put(member.clientId().replaceFirst("-0$", ""), List.copyOf(member.assignment().topicPartitions()));
		}
		return members;
	}

	record Baked(String inOvenBy, String bakedBy) {
	}

}
