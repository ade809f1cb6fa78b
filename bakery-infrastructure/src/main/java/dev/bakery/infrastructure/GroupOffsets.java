package dev.bakery.infrastructure;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tells when a service has read a record the test sent: its consumer group committed an
 * offset past it. A service commits only after its database transaction, so from then on
 * everything the record caused is stored. This is how a test knows that a record which
 * should change nothing has been read, without sleeping.
 */
public final class GroupOffsets {

	private GroupOffsets() {
	}

	public static void awaitRead(String group, SendResult<?, ?> sent) {
		RecordMetadata record = sent.getRecordMetadata();
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get()
					.get(partition);
				assertThat(committed).as("%s's offset on %s", group, partition).isNotNull();
				assertThat(committed.offset()).as("%s's offset on %s", group, partition).isGreaterThan(record.offset());
			});
		}
	}

}
