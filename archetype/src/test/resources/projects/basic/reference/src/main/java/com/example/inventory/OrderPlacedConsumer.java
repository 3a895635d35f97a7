package com.example.inventory;

import com.example.orders.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;

/**
 * Consumes {@code OrderPlaced} exactly once per order, however often the broker delivers it:
 * brokers deliver at least once, so a redelivery, a replay or a second instance must not store an
 * order twice.
 */
public final class OrderPlacedConsumer {

    private final OrderStore orders;

    /** Stores accepted orders in {@code orders}. */
    public OrderPlacedConsumer(OrderStore orders) {
        this.orders = orders;
    }

    /**
     * Accepts one order. The contract below is what event-contracts verifies in {@code mvn verify}:
     * the queue and its binding, the dead-letter queue, the retry policy and the idempotency key.
     *
     * @throws IllegalArgumentException when the order total is negative; such a message can never
     *     succeed, so it goes to the dead-letter queue at once
     */
    @EventConsumer(
            queue = "inventory-service.order-placed",
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = "inventory-service.order-placed.dlq",
            maxAttempts = 3,
            nonRetryable = IllegalArgumentException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        if (order.getTotalCents() < 0) {
            throw new IllegalArgumentException(
                    "Order '" + order.getOrderId() + "' has a negative total '" + order.getTotalCents() + "'.");
        }
        orders.insertIfAbsent(order.getOrderId(), order.getTotalCents());
    }
}
