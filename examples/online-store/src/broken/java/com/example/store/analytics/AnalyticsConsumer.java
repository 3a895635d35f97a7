package com.example.store.analytics;

import com.example.store.events.AvroMessages;
import com.example.store.events.MalformedEventException;
import dev.eventcontracts.annotations.EventConsumer;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * BROKEN on purpose (profile {@code broken}): "analytics is best effort", so a message it cannot
 * decode is logged and acknowledged. The broker deletes it: the sale is never counted and nobody can
 * find or replay the message, because it never reaches the dead-letter queue.
 */
public final class AnalyticsConsumer {

    private static final System.Logger LOG = System.getLogger(AnalyticsConsumer.class.getName());

    private final SalesCounter sales;
    private final AvroMessages orders;

    /** Counts into {@code sales}, decoding with {@code orders}. */
    public AnalyticsConsumer(SalesCounter sales, AvroMessages orders) {
        this.sales = sales;
        this.orders = orders;
    }

    /** Counts the order once; skips what it cannot decode (the bug). */
    @EventConsumer(
            queue = "analytics.order-placed",
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = "analytics.order-placed.dlq",
            maxAttempts = 3,
            nonRetryable = MalformedEventException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(byte[] body, Map<String, Object> headers) {
        GenericRecord order;
        try {
            order = orders.decode(body, headers);
        } catch (MalformedEventException e) {
            LOG.log(Level.WARNING, "skipping malformed OrderPlaced: {0}", e.getMessage());
            return; // the bug: the message is acked and lost
        }
        sales.count(
                order.get("orderId").toString(),
                order.get("currency").toString(),
                (Long) order.get("totalCents"));
    }
}
