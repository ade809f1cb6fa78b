package dev.bakery.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.events.BakingStatusChanged;
import dev.bakery.events.OrderLine;
import dev.bakery.events.Topics;
import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;
import dev.bakery.platform.RecordedSpans;
import dev.bakery.platform.tracing.Traceparents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "spring.config.import=classpath:bakery-platform.yml", "bakery.database=platform",
		"spring.flyway.locations=classpath:db/migration/platform,classpath:db/migration/stations",
		"bakery.outbox.poll-interval=50ms", "management.tracing.export.zipkin.enabled=false" })
@AutoConfigureTracing
@Import({ BakeryTestInfrastructure.class, RecordedSpans.class })
class OutboxTests {

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	OutboxCleanup cleanup;

	@Autowired
	Tracer tracer;

	@Autowired
	InMemorySpanExporter spans;

	@Test
	void eventsRecordedInATransactionArePublishedInOrderWithTheirTypeName() {
		UUID orderId = UUID.randomUUID();
		List<OrderLine> items = List.of(new OrderLine("BREZEL", 2));
		this.transactions.executeWithoutResult((transaction) -> {
			this.outbox.append(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId,
					BakingStatusChanged.Status.IN_OVEN, items, Instant.parse("2026-01-01T06:00:00Z"), "oven-a"));
			this.outbox.append(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId,
					BakingStatusChanged.Status.BAKED, items, Instant.parse("2026-01-01T06:12:00Z"), "oven-a"));
		});

		List<ConsumerRecord<String, String>> records = recordsFor(orderId, 2);

		assertThat(records).extracting(ConsumerRecord::key).containsOnly(orderId.toString());
		assertThat(records).extracting(ConsumerRecord::value)
			.satisfiesExactly((first) -> assertThat(first).contains("\"status\":\"IN_OVEN\""),
					(second) -> assertThat(second).contains("\"status\":\"BAKED\""));
		assertThat(records).allSatisfy((record) -> assertThat(
				new String(record.headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
			.isEqualTo("BakingStatusChanged"));
		await().untilAsserted(() -> assertThat(
				this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NOT NULL")
					.param("key", orderId.toString())
					.query(Long.class)
					.single())
			.isEqualTo(2));
	}

	@Test
	void anEventGoesOutInTheTraceOfTheWorkThatRecordedItAfterItsTimeInTheOutbox() {
		UUID orderId = UUID.randomUUID();
		Span work = this.tracer.nextSpan().name("work").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(work)) {
			this.transactions.executeWithoutResult((transaction) -> this.outbox.append(Topics.BAKING_STATUS, orderId,
					new BakingStatusChanged(orderId, BakingStatusChanged.Status.IN_OVEN,
							List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a")));
		}
		finally {
			work.end();
		}
		String trace = work.context().traceId();

		assertThat(this.jdbc.sql("SELECT traceparent FROM outbox WHERE message_key = :key")
			.param("key", orderId.toString())
			.query(String.class)
			.single()).as("the trace stored with the event")
			.startsWith("00-" + trace + "-" + work.context().spanId() + "-");
		ConsumerRecord<String, String> record = recordsFor(orderId, 1).get(0);
		await().untilAsserted(() -> {
			List<SpanData> spans = RecordedSpans.ofTrace(this.spans, trace);
			SpanData waited = spans.stream()
				.filter((span) -> span.getName().equals("outbox " + Topics.BAKING_STATUS))
				.findFirst()
				.orElseThrow(() -> new AssertionError("not recorded yet"));
			SpanData send = spans.stream()
				.filter((span) -> span.getKind() == SpanKind.PRODUCER)
				.findFirst()
				.orElseThrow(() -> new AssertionError("not recorded yet"));
			assertThat(waited.getParentSpanId()).as("the outbox's span continues the work's")
				.isEqualTo(work.context().spanId());
			assertThat(waited.getAttributes().get(AttributeKey.stringKey("bakery.order.id")))
				.isEqualTo(orderId.toString());
			assertThat(send.getParentSpanId()).as("the send is a part of the time in the outbox")
				.isEqualTo(waited.getSpanId());
			assertThat(header(record, Traceparents.HEADER)).as("the record's link to its consumers: the send")
				.startsWith("00-" + trace + "-" + send.getSpanId() + "-");
		});
	}

	@Test
	void anEventRolledBackWithItsTransactionIsNeverPublished() {
		UUID orderId = UUID.randomUUID();
		this.transactions.executeWithoutResult((transaction) -> {
			this.outbox.append(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId,
					BakingStatusChanged.Status.IN_OVEN, List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a"));
			transaction.setRollbackOnly();
		});

		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
			.param("key", orderId.toString())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anEventCannotBeRecordedOutsideATransaction() {
		UUID orderId = UUID.randomUUID();
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.append(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId,
					BakingStatusChanged.Status.IN_OVEN, List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a")));
	}

	@Test
	void theGaugesCountTheEventsThatWaitForKafkaAndHowLongTheOldestHasWaited() throws Exception {
		UUID orderId = UUID.randomUUID();
		try (Connection relay = this.dataSource.getConnection(); Statement statement = relay.createStatement()) {
			// The relay publishes only while it holds this lock; held here, what is
			// recorded waits.
			relay.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");
			double before = waiting();

			this.transactions.executeWithoutResult((transaction) -> {
				for (BakingStatusChanged.Status status : List.of(BakingStatusChanged.Status.IN_OVEN,
						BakingStatusChanged.Status.BAKED)) {
					this.outbox.append(Topics.BAKING_STATUS, orderId, new BakingStatusChanged(orderId, status,
							List.of(new OrderLine("BREZEL", 1)), Instant.now(), "oven-a"));
				}
			});

			assertThat(waiting()).isEqualTo(before + 2);
			await().untilAsserted(() -> assertThat(oldestWaiting()).as("seconds").isGreaterThan(0));
			relay.rollback();
		}
		await().untilAsserted(() -> assertThat(waiting()).isZero());
		assertThat(oldestWaiting()).isZero();
	}

	private double oldestWaiting() {
		return this.meters.get(Outbox.OLDEST_WAITING_METRIC).timeGauge().value(TimeUnit.SECONDS);
	}

	@Test
	void theCleanUpDeletesRowsSentLongerThanARetentionAgoAndKeepsEveryUnsentRow() {
		String key = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult((transaction) -> {
			// Inside one transaction, rolled back at the end: the relay never sees these
			// rows.
			insert(key, "sent-long-ago", "now() - interval '30 days'", "now() - interval '25 hours'");
			insert(key, "sent-an-hour-ago", "now() - interval '30 days'", "now() - interval '1 hour'");
			insert(key, "never-sent", "now() - interval '30 days'", "NULL");

			assertThat(this.cleanup.deleteSent()).isGreaterThanOrEqualTo(1);

			assertThat(this.jdbc.sql("SELECT type FROM outbox WHERE message_key = :key ORDER BY id")
				.param("key", key)
				.query(String.class)
				.list()).containsExactly("sent-an-hour-ago", "never-sent");
			transaction.setRollbackOnly();
		});
	}

	private void insert(String key, String type, String created, String published) {
		this.jdbc
			.sql("INSERT INTO outbox (topic, message_key, type, payload, created_at, published_at)"
					+ " VALUES ('bakery.test', :key, :type, '{}', " + created + ", " + published + ")")
			.param("key", key)
			.param("type", type)
			.update();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private double waiting() {
		return this.meters.get(Outbox.WAITING_METRIC).gauge().value();
	}

	private static List<ConsumerRecord<String, String>> recordsFor(UUID orderId, int count) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of(Topics.BAKING_STATUS));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (record.key().equals(orderId.toString())) {
						records.add(record);
					}
				});
				return records.size() >= count;
			});
			return records;
		}
	}

}
