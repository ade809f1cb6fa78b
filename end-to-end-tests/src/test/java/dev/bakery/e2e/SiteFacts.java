package dev.bakery.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * bakery-site.properties (bakery-events), read as the services and ./bakery read it: the
 * one place for the databases' names and the brokers' settings.
 */
final class SiteFacts {

	private static final Properties FACTS = load();

	private SiteFacts() {
	}

	static String get(String key) {
		return FACTS.getProperty(key);
	}

	/**
	 * The settings under a prefix, without it: {@code site.broker.} gives
	 * {@code num.partitions=12} and the like.
	 */
	static Map<String, String> under(String prefix) {
		Map<String, String> settings = new LinkedHashMap<>();
		new TreeSet<>(FACTS.stringPropertyNames()).stream()
			.filter((key) -> key.startsWith(prefix))
			.forEach((key) -> settings.put(key.substring(prefix.length()), FACTS.getProperty(key)));
		return settings;
	}

	private static Properties load() {
		Properties facts = new Properties();
		try (InputStream in = SiteFacts.class.getResourceAsStream("/bakery-site.properties")) {
			facts.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return facts;
	}

}
