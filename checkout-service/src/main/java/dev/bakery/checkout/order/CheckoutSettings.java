package dev.bakery.checkout.order;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The till's settings, under {@code bakery.checkout.*}.
 *
 * @param maxBodySize the largest request body the till reads; a larger one is refused
 * with 413
 */
@ConfigurationProperties("bakery.checkout")
@Validated
public record CheckoutSettings(@DefaultValue("16KB") @NotNull DataSize maxBodySize) {
}
