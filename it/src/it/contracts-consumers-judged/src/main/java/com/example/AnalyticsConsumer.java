package com.example;

import com.example.avro.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;

/** Idempotent, but declares no dead-letter queue: poison messages have nowhere to go. */
public class AnalyticsConsumer {

    private final Ledger ledger;

    public AnalyticsConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventConsumer(queue = "analytics.order-placed", idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        if (ledger.processed.add(order.getOrderId())) {
            ledger.reserved.merge(order.getOrderId(), order.getQuantity(), Integer::sum);
        }
    }
}
