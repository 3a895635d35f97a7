package com.example;

import dev.eventcontracts.annotations.EventConsumer;

/** Idempotent: remembers processed request ids atomically with the reservation. */
public class ReservationConsumer {

    private final Stock stock;

    public ReservationConsumer(Stock stock) {
        this.stock = stock;
    }

    @EventConsumer(
            queue = "reservations.stock-requested",
            deadLetterQueue = "reservations.stock-requested.dlq",
            maxAttempts = 3,
            idempotencyKey = "requestId")
    public void onStockRequested(StockRequested request) {
        synchronized (stock) {
            if (stock.processed.add(request.requestId())) {
                stock.reserve(request);
            }
        }
    }
}
