package dev.bakery.bakehouse.baking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bake house's equipment, under {@code bakery.bakehouse.*}.
 *
 * @param ovens how many orders one instance bakes at once; the rest wait in Kafka
 */
@ConfigurationProperties("bakery.bakehouse")
public record BakehouseSettings(@DefaultValue("4") int ovens) {
}
