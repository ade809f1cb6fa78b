package dev.bakery.packaging.packing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Packaging's equipment, under {@code bakery.packaging.*}.
 *
 * @param stations how many orders are packed at once
 */
@ConfigurationProperties("bakery.packaging")
@Validated
public record PackagingSettings(@DefaultValue("2") @Min(1) @Max(64) int stations) {
}
