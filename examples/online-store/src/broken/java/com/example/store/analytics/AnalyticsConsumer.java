package com.example.store.analytics;

import com.example.store.events.EventPublisher;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * BROKEN on purpose (profile {@code broken}): "analytics is best effort", so any message it fails
 * to process is logged and acknowledged. The broker then deletes it: a poison message never reaches
 * the dead-letter queue, and a message that failed on a passing hiccup is never retried — the sale
 * is silently missing from the figures.
 */
public final class AnalyticsConsumer {

    private static final System.Logger LOG = System.getLogger(AnalyticsConsumer.class.getName());

    private final SalesCounter sales;
    private final EventPublisher publisher;

    /** Counts into {@code sales} and feeds the dashboard through {@code publisher}. */
    public AnalyticsConsumer(SalesCounter sales, EventPublisher publisher) {
        this.sales = sales;
        this.publisher = publisher;
    }

    /** Counts the order once; swallows every failure (the bug). */
    @EventConsumer(
            queue = "analytics.order-placed",
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = "analytics.order-placed.dlq",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        try {
            if (order.getTotalCents() < 0) {
                throw new InvalidOrderException(
                        "Order '" + order.getOrderId() + "' has a negative total '" + order.getTotalCents() + "'.");
            }
            if (!sales.claim(order.getOrderId())) {
                return; // already counted
            }
            try {
                publisher.publish(SaleCounted.EXCHANGE, SaleCounted.ROUTING_KEY, Map.of(), SaleCounted.json(order));
                sales.count(order.getCurrency(), order.getTotalCents());
            } catch (RuntimeException e) {
                sales.release(order.getOrderId());
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping order event that failed: {0}", e.toString());
            // the bug: returning normally acknowledges the message, and the broker deletes it
        }
    }
}
