package dev.bakery.platform.work;

import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.kafka.KafkaMessagingConfiguration;
import dev.bakery.platform.outbox.Outbox;
import dev.bakery.platform.tracing.Traceparents;

/**
 * The stations of a department that has some (a {@link StationWork} bean), and the
 * listener container factory that feeds them from Kafka, a record per free station.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(StationWork.class)
public class WorkstationsConfiguration {

	@Bean(destroyMethod = "close")
	<E> Workstations<E> workstations(StationWork<E> work, JdbcClient jdbc, Outbox outbox,
			TransactionTemplate transactions, BakerySettings settings, MeterRegistry meters, Traceparents traces) {
		return new Workstations<>(work, new StationJobs(jdbc), outbox, transactions, settings, meters, traces);
	}

	@Bean(Workstations.CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> stationsListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			Workstations<?> stations, StationWork<?> work, KafkaOperations<Object, Object> kafka,
			BakerySettings settings) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		// One consumer per instance: a member of the group is an instance of the
		// department with all its stations.
		factory.setConcurrency(1);
		factory.setRecordInterceptor(stations);
		factory.getContainerProperties().setConsumerRebalanceListener(stations);
		// The stations commit each offset once its work is done, in offset order.
		factory.getContainerProperties().setAckMode(AckMode.MANUAL);
		// Take the next record soon after a station frees up.
		factory.getContainerProperties().setPollTimeout(Workstations.POLL_TIMEOUT.toMillis());
		factory.getContainerProperties().setClientId(settings.instanceId());
		Properties consumer = new Properties();
		// At most a record per station a poll (a tray per station when the work takes no
		// time): an instance never holds more than its stations take (what finds them
		// busy goes back); the rest stays in Kafka, where another member can take it.
		consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(stations.capacity()));
		// Above the longest work, though the consumer's thread never waits for a station
		// (the work runs on the stations' own threads) and so polls well within it.
		consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
				String.valueOf(settings.longestWork().plusMinutes(1).toMillis()));
		// Partitions go out by the work waiting on them, so that every member gets a fair
		// share of the backlog.
		consumer.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, BacklogAssignor.class.getName());
		consumer.put(BacklogAssignor.STATIONS_CONFIG, stations);
		// On the container: the factory passes on only a listener's own consumer
		// properties.
		factory.setContainerCustomizer(
				(container) -> container.getContainerProperties().setKafkaConsumerProperties(consumer));
		DefaultErrorHandler errors = KafkaMessagingConfiguration.deadLetterErrorHandler(kafka, stations::deadLettered);
		// The stations commit a dead letter's offset, in order, not the error handler.
		errors.setAckAfterHandle(false);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

}
