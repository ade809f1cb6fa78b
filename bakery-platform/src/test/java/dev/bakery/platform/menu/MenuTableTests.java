package dev.bakery.platform.menu;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A menu that cannot be read to its end cannot say that a product is not on it: a reader
 * would dead-letter a valid order. (The table read from a running Kafka is tested where
 * it is used: the till's, the bake house's and the counter's tests.)
 */
class MenuTableTests {

	@Test
	void aProductCannotBeToldOffTheMenuWhileKafkaIsAway() throws IOException {
		MenuTable table = new MenuTable(
				new DefaultKafkaConsumerFactory<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + portNobodyListensOn(),
								ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
								ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)),
				"menu-test");
		table.start();
		try {
			assertThatExceptionOfType(MenuNotRead.class).isThrownBy(() -> table.find("BREZEL"))
				.withMessageContaining("BREZEL");
		}
		finally {
			table.stop();
		}
	}

	private static int portNobodyListensOn() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
