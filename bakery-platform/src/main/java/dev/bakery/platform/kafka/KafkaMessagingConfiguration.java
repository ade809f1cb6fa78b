package dev.bakery.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.bakery.events.EventTypes;
import dev.bakery.events.OrderPlaced;
import dev.bakery.events.OrderRules;
import dev.bakery.events.RuleBroken;
import dev.bakery.events.Topics;
import dev.bakery.platform.BakerySettings;
import dev.bakery.platform.TransientFailures;

/**
 * How every department talks to Kafka: the topics, JSON with stable type names, and what
 * happens to a record that cannot be handled.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaMessagingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaMessagingConfiguration.class);

	/**
	 * {@code OrderPlaced:dev.bakery.events.OrderPlaced,...}, the form spring-kafka's type
	 * mapping takes.
	 */
	static final String TYPE_MAPPINGS = EventTypes.BY_NAME.entrySet()
		.stream()
		.map((type) -> type.getKey() + ":" + type.getValue().getName())
		.collect(Collectors.joining(","));

	/**
	 * The four topics and their dead-letter topics, with as many partitions as
	 * configured.
	 */
	@Bean
	KafkaAdmin.NewTopics bakeryTopics(BakerySettings settings) {
		return new KafkaAdmin.NewTopics(Stream
			.concat(Topics.ALL.stream()
				.flatMap((topic) -> Stream.of(topic, Topics.deadLetter(topic)))
				.map((topic) -> TopicBuilder.name(topic).partitions(settings.partitions()).build()),
					// A small table: one partition keeps its records in one order.
					Stream.of(TopicBuilder.name(Topics.MENU).partitions(1).compact().build()))
			.toArray(NewTopic[]::new));
	}

	/**
	 * Consumers read only the contract types: the JSON deserializer maps the
	 * {@code __TypeId__} header's name to a class of the contract package and trusts no
	 * other package. A record it cannot read becomes a {@code DeserializationException}
	 * for the error handler instead of stopping the consumer.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer contractTypesOnly() {
		return (factory) -> factory.updateConfigs(contractDeserialization());
	}

	/**
	 * How every department's consumers read keys and values: the configuration
	 * {@link #contractTypesOnly()} gives them. A field the contract does not know is
	 * ignored (spring-kafka's JSON deserializer leaves Jackson's
	 * {@code FAIL_ON_UNKNOWN_PROPERTIES} off), so a newer writer may add one.
	 */
	public static Map<String, Object> contractDeserialization() {
		return Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
				ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, JacksonJsonDeserializer.class,
				JacksonJsonDeserializer.TRUSTED_PACKAGES, OrderPlaced.class.getPackageName(),
				JacksonJsonDeserializer.TYPE_MAPPINGS, TYPE_MAPPINGS);
	}

	/**
	 * Producers send either bytes that are already JSON (the outbox relay, and the
	 * dead-letter recoverer passing on a record it could not read) or an event object,
	 * which becomes JSON with its type name in a header.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer jsonOrBytes() {
		return (factory) -> factory.setValueSerializerSupplier(KafkaMessagingConfiguration::jsonOrBytesSerializer);
	}

	/**
	 * The JSON serializer with the contract's type names; the outbox uses it to write
	 * exactly what goes on the wire.
	 */
	public static Serializer<Object> eventSerializer() {
		JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>();
		serializer.configure(Map.of(JacksonJsonSerializer.TYPE_MAPPINGS, TYPE_MAPPINGS), false);
		return serializer;
	}

	@SuppressWarnings("unchecked")
	private static <T> Serializer<T> jsonOrBytesSerializer() {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(Object.class, eventSerializer());
		return (Serializer<T>) new DelegatingByTypeSerializer(delegates, true);
	}

	/** The dead-letter header naming the {@link OrderRules.Rule} a record breaks. */
	public static final String RULE_HEADER = "bakery-dlt-rule";

	/**
	 * The dead-letter header with the whole reason: the field, what is wrong, the rule.
	 */
	public static final String REASON_HEADER = "bakery-dlt-reason";

	/**
	 * A record that fails is retried a few times, then published to {@code <topic>.DLT}
	 * with spring-kafka's exception headers, and the consumer goes on with the next
	 * record. A record that cannot be read at all goes there at once, and so does one
	 * that breaks one of the {@link OrderRules}, with the rule named in
	 * {@value #RULE_HEADER} and the reason in {@value #REASON_HEADER}. A transient
	 * failure (database or broker briefly away) is retried with growing pauses for as
	 * long as it lasts and never dead-lettered: the record is fine, the world around it
	 * is not.
	 */
	@Bean
	CommonErrorHandler deadLetterErrorHandler(KafkaOperations<Object, Object> kafka) {
		return deadLetterErrorHandler(kafka, (record) -> {
		});
	}

	/**
	 * The dead-letter error handler, telling {@code afterwards} of each record it has
	 * dead-lettered (on the consumer's thread).
	 */
	public static DefaultErrorHandler deadLetterErrorHandler(KafkaOperations<Object, Object> kafka,
			java.util.function.Consumer<ConsumerRecord<?, ?>> afterwards) {
		// <topic>.DLT, same partition: spring-kafka 4's default would be <topic>-dlt.
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		recoverer.setHeadersFunction((record, failure) -> {
			RuleBroken broken = ruleBroken(failure);
			if (broken == null) {
				return null;
			}
			return new RecordHeaders(
					new Header[] { new RecordHeader(RULE_HEADER, broken.rule().id().getBytes(StandardCharsets.UTF_8)),
							new RecordHeader(REASON_HEADER, broken.getMessage().getBytes(StandardCharsets.UTF_8)) });
		});
		DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
			RuleBroken broken = ruleBroken(failure);
			log.warn("Dead-lettering {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
					Topics.deadLetter(record.topic()), (broken != null) ? broken.getMessage() : failure.getMessage());
			recoverer.accept(record, failure);
			afterwards.accept(record);
		}, new FixedBackOff(200, 2));
		// Trying again cannot mend a broken rule.
		handler.addNotRetryableExceptions(RuleBroken.class);
		BackOff untilItWorks = untilItWorks();
		handler.setBackOffFunction((record, failure) -> {
			if (TransientFailures.isTransient(failure)) {
				log.warn("Transient failure on {}-{}@{}, retrying: {}", record.topic(), record.partition(),
						record.offset(), failure.getMessage());
				return untilItWorks;
			}
			return null;
		});
		return handler;
	}

	/**
	 * The rule a failure comes from, also deep in its causes (a constructor's, in
	 * Jackson's).
	 */
	public static RuleBroken ruleBroken(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RuleBroken broken) {
				return broken;
			}
		}
		return null;
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin);
	}

	private static BackOff untilItWorks() {
		ExponentialBackOff backOff = new ExponentialBackOff(250, 2);
		backOff.setMaxInterval(5_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return backOff;
	}

}
