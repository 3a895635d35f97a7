package com.example;

import dev.eventcontracts.annotations.EventConsumer;

/** Not idempotent: every delivery of a request reserves its lines again. */
public class BackorderConsumer {

    private final Stock stock;

    public BackorderConsumer(Stock stock) {
        this.stock = stock;
    }

    @EventConsumer(
            queue = "backorders.stock-requested",
            deadLetterQueue = "backorders.stock-requested.dlq",
            maxAttempts = 3,
            idempotencyKey = "requestId")
    public void onStockRequested(StockRequested request) {
        stock.reserve(request);
    }
}
