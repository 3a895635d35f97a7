package com.example;

import com.example.avro.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;

/** Not idempotent: every delivery books the order again. */
public class ShippingConsumer {

    private final Ledger ledger;

    public ShippingConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventConsumer(
            queue = "shipping.order-placed",
            deadLetterQueue = "shipping.order-placed.dlq",
            maxAttempts = 3,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        ledger.reserved.merge(order.getOrderId(), order.getQuantity(), Integer::sum);
    }
}
