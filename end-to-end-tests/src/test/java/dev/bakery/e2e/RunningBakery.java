package dev.bakery.e2e;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import dev.bakery.infrastructure.BakeryTestInfrastructure;
import dev.bakery.infrastructure.Infrastructure;

/**
 * The four real Spring Boot applications in this JVM, against this JVM's one Kafka broker and one PostgreSQL server,
 * each with its own database. A department can be stopped and started again while the others run.
 */
final class RunningBakery implements AutoCloseable {

	private final Map<Department, ConfigurableApplicationContext> running = new EnumMap<>(Department.class);

	private final List<String> properties;

	/**
	 * @param properties settings for every department, e.g. the simulation's time scale; given as command-line
	 * arguments, so they win over the services' own configuration files
	 */
	RunningBakery(String... properties) {
		this.properties = java.util.stream.Stream.concat(java.util.stream.Stream.of("server.port=0"),
				java.util.stream.Stream.of(properties)).toList();
	}

	/** Starts the departments, counter first, so that each finds its readers ready. */
	RunningBakery startAll() {
		start(Department.SALES);
		start(Department.PACKAGING);
		start(Department.BAKEHOUSE);
		start(Department.CHECKOUT);
		return this;
	}

	void start(Department department) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(department.application,
				BakeryTestInfrastructure.class)
			.properties(department.configName)
			.run(this.properties.stream().map((property) -> "--" + property).toArray(String[]::new));
		this.running.put(department, context);
	}

	void stop(Department department) {
		ConfigurableApplicationContext context = this.running.remove(department);
		if (context != null) {
			context.close();
		}
	}

	RestClient http(Department department) {
		String port = this.running.get(department).getEnvironment().getProperty("local.server.port");
		return RestClient.create("http://localhost:" + port);
	}

	/** A client on a department's own database, as the test's window into what it stored. */
	static JdbcClient database(Department department) {
		Infrastructure infrastructure = Infrastructure.get();
		return JdbcClient.create(new DriverManagerDataSource(infrastructure.jdbcUrl(department.database),
				infrastructure.username(), infrastructure.password()));
	}

	@Override
	public void close() {
		for (Department department : List.of(Department.CHECKOUT, Department.BAKEHOUSE, Department.PACKAGING,
				Department.SALES)) {
			stop(department);
		}
	}

}
