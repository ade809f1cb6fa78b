package dev.bakery.sales.shelf;

import java.util.Map;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shelf's settings.
 *
 * @param topic the settings of {@code bakery.order-status}, as Kafka's topic configs (see
 * sales-service.yml for why each value)
 * @param abortOnce the exactly-once lab's demo switch ({@link AbortOnce}); off unless set
 */
@ConfigurationProperties("bakery.shelf")
@Validated
record ShelfSettings(@NotEmpty Map<String, String> topic, @DefaultValue("false") boolean abortOnce) {
}
