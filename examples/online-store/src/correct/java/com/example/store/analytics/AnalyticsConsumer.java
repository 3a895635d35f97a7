package com.example.store.analytics;

import com.example.store.events.AvroMessages;
import com.example.store.events.MalformedEventException;
import dev.eventcontracts.annotations.EventConsumer;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** Counts sales. Reads raw messages and decodes them itself; what it cannot decode it refuses. */
public final class AnalyticsConsumer {

    private final SalesCounter sales;
    private final AvroMessages orders;

    /** Counts into {@code sales}, decoding with {@code orders}. */
    public AnalyticsConsumer(SalesCounter sales, AvroMessages orders) {
        this.sales = sales;
        this.orders = orders;
    }

    /**
     * Counts the order once.
     *
     * @throws MalformedEventException when the message is not a readable {@code OrderPlaced}; it is
     *     dead-lettered at once
     */
    @EventConsumer(
            queue = "analytics.order-placed",
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = "analytics.order-placed.dlq",
            maxAttempts = 3,
            nonRetryable = MalformedEventException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(byte[] body, Map<String, Object> headers) {
        GenericRecord order = orders.decode(body, headers);
        sales.count(
                order.get("orderId").toString(),
                order.get("currency").toString(),
                (Long) order.get("totalCents"));
    }
}
