package com.example;

import com.example.avro.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;

/** Idempotent: remembers processed order ids atomically, so a redelivery changes nothing. */
public class InventoryConsumer {

    private final Ledger ledger;

    public InventoryConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventConsumer(
            topic = "inventory.orders",
            deadLetterTopic = "inventory.orders.DLT",
            maxAttempts = 3,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        if (ledger.processed.add(order.getOrderId())) {
            ledger.reserved.merge(order.getOrderId(), order.getQuantity(), Integer::sum);
        }
    }
}
