package dev.bakery.sales.counter;

import java.util.UUID;

/**
 * The counter recorded a step of an order (possibly again, when its record was delivered
 * twice). Published inside the counter's transaction, so a listener that runs after
 * commit sees the step stored.
 *
 * @param orderId the order
 * @param status the status the step reached
 */
public record StepRecorded(UUID orderId, OrderStatus status) {
}
