package com.example.stock;

import dev.eventcontracts.annotations.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/** Reserves stock once per order; reads the Kafka record and its headers beside the payload. */
public class StockListener {
    private final Stock stock;

    public StockListener(Stock stock) {
        this.stock = stock;
    }

    @EventConsumer(
            topic = "stock.requested",
            deadLetterTopic = "stock.requested.DLT",
            maxAttempts = 3,
            nonRetryable = InvalidRequestException.class,
            idempotencyKey = "orderId")
    public void onRequested(StockRequested request, ConsumerRecord<byte[], byte[]> record, Headers headers) {
        if (record == null || headers == null || !record.topic().startsWith("stock.requested")) {
            throw new IllegalStateException("the listener container did not pass the record and its headers");
        }
        if (request.quantity() <= 0) {
            throw new InvalidRequestException("quantity must be positive in " + request.orderId());
        }
        stock.beforeWrite();
        if (stock.processed.add(request.orderId())) {
            stock.reserved.merge(request.sku(), request.quantity(), Integer::sum);
        }
    }
}
