package dev.bakery.packaging.packing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Packaging's equipment, under {@code bakery.packaging.*}.
 *
 * @param stations how many orders are packed at once
 */
@ConfigurationProperties("bakery.packaging")
public record PackagingSettings(@DefaultValue("2") int stations) {
}
