package dev.bakery.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One number, {@code --brokers}, decides how many Kafka processes run and how many copies
 * each partition has; the server.properties written for each node are what Kafka's own
 * configuration accepts.
 */
class BrokersTests {

	private final Site site = Site.load();

	@TempDir
	Path data;

	@Test
	void oneBrokerKeepsOneCopyOfEachPartition() {
		assertThat(Brokers.ONE.nodes()).containsExactly(ProcessName.of(Site.KAFKA));
		assertThat(Brokers.ONE.replication(this.site)).containsEntry("default.replication.factor", "1")
			.containsEntry("min.insync.replicas", "1")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1");
		assertThat(Brokers.ONE.bootstrapServers(this.site)).isEqualTo("localhost:9092");
	}

	@Test
	void threeBrokersKeepThreeCopiesAndAWriteNeedsTwo() {
		Brokers three = new Brokers(3);
		assertThat(three.replication(this.site)).containsEntry("default.replication.factor", "3")
			.containsEntry("min.insync.replicas", "2")
			.containsEntry("offsets.topic.replication.factor", "3")
			.containsEntry("transaction.state.log.replication.factor", "3")
			.containsEntry("transaction.state.log.min.isr", "2")
			.containsEntry("share.coordinator.state.topic.replication.factor", "3")
			.containsEntry("share.coordinator.state.topic.min.isr", "2");
		assertThatThrownBy(() -> new Brokers(2)).hasMessage("the bakery runs 1 or 3 brokers, not 2");
	}

	@Test
	void theSingleNodeIsBrokerAndControllerAtOnce() {
		KafkaConfig config = config(ProcessName.of(Site.KAFKA), Brokers.ONE);
		assertThat(config.nodeId()).isEqualTo(1);
		assertThat(config.processRoles().size()).isEqualTo(2);
		assertThat(config.numPartitions()).isEqualTo(12);
		assertThat(config.defaultReplicationFactor()).isEqualTo(1);
	}

	@Test
	void aClusterIsThreeBrokersAndAControllerOfTheirOwn() {
		Brokers three = new Brokers(3);
		KafkaConfig controller = config(ProcessName.of(Brokers.CONTROLLER), three);
		assertThat(controller.nodeId()).isEqualTo(Brokers.CONTROLLER_NODE);
		assertThat(controller.processRoles().size()).isEqualTo(1);
		assertThat(controller.defaultReplicationFactor()).isEqualTo(3);
		for (ProcessName broker : three.brokers()) {
			KafkaConfig config = config(broker, three);
			assertThat(config.nodeId()).isEqualTo(broker.instance());
			assertThat(config.processRoles().size()).isEqualTo(1);
			assertThat(config.processRoles().contains(org.apache.kafka.server.ProcessRole.BrokerRole)).isTrue();
			assertThat(config.defaultReplicationFactor()).isEqualTo(3);
			assertThat(config.minInSyncReplicas()).isEqualTo(2);
			assertThat(config.effectiveAdvertisedBrokerListeners().head().port()).isEqualTo(broker.port(this.site));
		}
	}

	private KafkaConfig config(ProcessName node, Brokers brokers) {
		String text = new Kafka(this.site, new Workspace(this.data), null, null).serverProperties(node, brokers,
				this.data.resolve(node.toString()));
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return KafkaConfig.fromProps(properties);
	}

}
