package dev.bakery.board;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka's admin API as the board asks it: one client, shared by {@link ConsumerGroups}
 * and {@link KafkaCluster}, configured as Spring Boot configures the application's
 * {@link KafkaAdmin} (from {@code spring.kafka.*}), that waits no longer than the board's
 * timeout for an answer. The board starts while Kafka is away: the client is made when it
 * is first needed, and every question that finds Kafka away has an answer that says so.
 */
@Component
class KafkaAdminApi implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaAdminApi.class);

	private final Map<String, Object> config;

	private final long timeoutMillis;

	private Admin admin;

	@Autowired
	KafkaAdminApi(KafkaAdmin kafkaAdmin, BoardSettings settings) {
		this(kafkaAdmin, settings.timeout());
	}

	KafkaAdminApi(KafkaAdmin kafkaAdmin, Duration timeout) {
		this.timeoutMillis = timeout.toMillis();
		this.config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		this.config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeoutMillis);
		this.config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeoutMillis);
	}

	/**
	 * Asks Kafka a question; never throws. If Kafka does not answer in time, or answers
	 * with an error, the answer is what {@code unavailable} makes of the problem.
	 * @param what what is asked, for the log
	 * @param question the question, asked of the admin client
	 * @param unavailable the answer when there is none, from the problem's description
	 */
	<T> T ask(String what, AdminQuestion<T> question, Function<String, T> unavailable) {
		try {
			return question.askWith(admin());
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			log.debug("Could not ask Kafka for {}", what, cause);
			return unavailable.apply("Kafka does not answer: " + cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unavailable.apply("Interrupted");
		}
		catch (RuntimeException ex) {
			log.debug("Could not ask Kafka for {}", what, ex);
			return unavailable.apply("Kafka does not answer: " + ex.getMessage());
		}
	}

	/**
	 * Waits for one of the admin client's answers, no longer than the board's timeout.
	 */
	<T> T answer(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

	/**
	 * A question for Kafka's admin API; it waits for each answer with
	 * {@link KafkaAdminApi#answer}.
	 */
	@FunctionalInterface
	interface AdminQuestion<T> {

		T askWith(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;

	}

}
