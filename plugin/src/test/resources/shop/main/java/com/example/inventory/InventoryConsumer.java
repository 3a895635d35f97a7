package com.example.inventory;

import com.example.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;

public class InventoryConsumer {

    static final String QUEUE = "inventory." + "order-placed";

    @EventConsumer(
            queue = QUEUE,
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = QUEUE + ".dlq",
            maxAttempts = 5,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId",
            ignoreEffectPaths = {"reservedAt"})
    public void onOrderPlaced(OrderPlaced event) {}

    public void notAHandler(OrderPlaced event) {}
}
