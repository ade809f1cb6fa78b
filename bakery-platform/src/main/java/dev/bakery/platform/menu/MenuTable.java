package dev.bakery.platform.menu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.bakery.events.Menu;
import dev.bakery.events.ProductOffered;
import dev.bakery.events.Topics;

/**
 * The bakery's menu, read from the compacted {@link Topics#MENU} as a table: every
 * product a bake house offered, its latest offer kept. A consumer of its own, in no
 * group, reads the topic from its beginning and keeps following it, so that a product a
 * bake house starts to offer is on the menu here a moment later.
 * <p>
 * A product it does not find is looked for once more after reading the topic up to its
 * end as it is now: an order for a new product was placed after the product was offered,
 * so a reader that has read that far knows it. Only then is a product not on the menu; if
 * the end cannot be reached in time, the look-up fails with {@link MenuNotRead}, to be
 * retried.
 */
public final class MenuTable implements Menu, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MenuTable.class);

	private static final LogAccessor logAccessor = new LogAccessor(MenuTable.class);

	/** How long a look-up waits for the topic to be read to its end. */
	static final Duration PATIENCE = Duration.ofSeconds(5);

	private final ConsumerFactory<Object, Object> consumers;

	private final String clientId;

	/** What the menu is now; replaced whole when the topic brings a change. */
	private volatile Menu current = Menu.of(List.of());

	/** Asks the consumer's thread to read to the end of the topic as it is then. */
	private final ConcurrentLinkedQueue<CompletableFuture<Void>> readToTheEnd = new ConcurrentLinkedQueue<>();

	private volatile Thread reader;

	private volatile boolean running;

	private volatile Consumer<Object, Object> consumer;

	/**
	 * @param consumers the department's consumer factory: its JSON deserializer reads the
	 * contract types
	 * @param clientId the Kafka client id of the table's consumer
	 */
	public MenuTable(ConsumerFactory<Object, Object> consumers, String clientId) {
		this.consumers = consumers;
		this.clientId = clientId;
	}

	@Override
	public Optional<ProductOffered> find(String product) {
		Optional<ProductOffered> offer = this.current.find(product);
		if (offer.isPresent() || !this.running) {
			return offer;
		}
		if (!readToTheEnd(PATIENCE)) {
			throw new MenuNotRead(product, PATIENCE);
		}
		return this.current.find(product);
	}

	@Override
	public List<ProductOffered> products() {
		return this.current.products();
	}

	/**
	 * Waits until the table has read the topic up to where its end is now, for at most
	 * this long.
	 * @return whether it has
	 */
	public boolean readToTheEnd(Duration patience) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.readToTheEnd.add(done);
		try {
			done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Starts reading, and waits a moment for the menu as it is, so that it is served at
	 * once.
	 */
	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::follow, "menu-table");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
		if (!readToTheEnd(PATIENCE)) {
			log.warn("The menu ({}) is not read yet; it is served as it comes", Topics.MENU);
		}
	}

	private void follow() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, ProductOffered> products = new LinkedHashMap<>();
		List<Target> targets = new ArrayList<>();
		try (Consumer<Object, Object> consumer = this.consumers.createConsumer(null, this.clientId, null, overrides)) {
			this.consumer = consumer;
			List<TopicPartition> partitions = assign(consumer);
			while (this.running) {
				List<CompletableFuture<Void>> asked = new ArrayList<>();
				for (CompletableFuture<Void> one = this.readToTheEnd.poll(); one != null; one = this.readToTheEnd
					.poll()) {
					asked.add(one);
				}
				if (!asked.isEmpty()) {
					Map<TopicPartition, Long> ends = endOffsets(consumer, partitions);
					if (ends != null) {
						asked.forEach((one) -> targets.add(new Target(one, ends)));
					}
					else {
						this.readToTheEnd.addAll(asked);
					}
				}
				boolean changed = false;
				for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
					changed |= apply(record, products);
				}
				if (changed) {
					this.current = Menu.of(new ArrayList<>(products.values()));
					log.info("The menu is now {}", this.current.names());
				}
				targets.removeIf((target) -> target.reached(consumer));
			}
		}
		catch (WakeupException ex) {
			// Stopping.
		}
		catch (RuntimeException ex) {
			log.error("The menu table stopped reading {}", Topics.MENU, ex);
		}
	}

	/** All partitions of the topic, from their beginning, once the broker names them. */
	private List<TopicPartition> assign(Consumer<Object, Object> consumer) {
		while (true) {
			try {
				List<TopicPartition> partitions = consumer.partitionsFor(Topics.MENU, Duration.ofSeconds(5))
					.stream()
					.map((info) -> new TopicPartition(info.topic(), info.partition()))
					.toList();
				if (!partitions.isEmpty()) {
					consumer.assign(partitions);
					consumer.seekToBeginning(partitions);
					return partitions;
				}
			}
			catch (KafkaException ex) {
				if (ex instanceof WakeupException wakeup) {
					throw wakeup;
				}
				log.warn("Waiting for {}: {}", Topics.MENU, ex.getMessage());
			}
		}
	}

	private static @Nullable Map<TopicPartition, Long> endOffsets(Consumer<Object, Object> consumer,
			List<TopicPartition> partitions) {
		try {
			return consumer.endOffsets(partitions, Duration.ofSeconds(5));
		}
		catch (KafkaException ex) {
			if (ex instanceof WakeupException wakeup) {
				throw wakeup;
			}
			// Kafka is away: where the end is cannot be told; asked again next time
			// round.
			return null;
		}
	}

	/**
	 * A product offered, or a tombstone taking one off; a record it cannot read is left
	 * out.
	 */
	private static boolean apply(ConsumerRecord<Object, Object> record, Map<String, ProductOffered> products) {
		DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
		if (unreadable != null || record.key() == null) {
			log.warn("Left off the menu: {}-{}@{} cannot be read", record.topic(), record.partition(), record.offset());
			return false;
		}
		String product = record.key().toString();
		if (record.value() == null) {
			return products.remove(product) != null;
		}
		if (!(record.value() instanceof ProductOffered offer) || !offer.product().equals(product)) {
			log.warn("Left off the menu: {}-{}@{} is no offer of {}", record.topic(), record.partition(),
					record.offset(), product);
			return false;
		}
		return !offer.equals(products.put(product, offer));
	}

	/** A wish to have read up to these offsets. */
	private record Target(CompletableFuture<Void> done, Map<TopicPartition, Long> ends) {

		boolean reached(Consumer<Object, Object> consumer) {
			Map<TopicPartition, Long> positions = new HashMap<>();
			this.ends.keySet().forEach((partition) -> positions.put(partition, consumer.position(partition)));
			if (this.ends.entrySet().stream().allMatch((end) -> positions.get(end.getKey()) >= end.getValue())) {
				this.done.complete(null);
				return true;
			}
			return false;
		}

	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<Object, Object> consumer = this.consumer;
		if (consumer != null) {
			consumer.wakeup();
		}
		Thread thread = this.reader;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Started before the listener containers, whose records it checks, and stopped after
	 * them.
	 */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
