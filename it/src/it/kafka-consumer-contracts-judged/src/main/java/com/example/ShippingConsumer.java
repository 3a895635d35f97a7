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
            topic = "shipping.orders",
            deadLetterTopic = "shipping.orders.DLT",
            maxAttempts = 3,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        ledger.reserved.merge(order.getOrderId(), order.getQuantity(), Integer::sum);
    }
}
