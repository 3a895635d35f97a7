package com.example.store.analytics;

import com.example.store.events.EventPublisher;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;
import java.util.Map;

/**
 * Counts sales, once per order, and announces each counted sale on the live sales feed. The feed
 * shows a customer's sales in the order they were placed, so the contract declares {@code orderedBy
 * = "customerId"}: a record that fails is retried in place, never set aside while later orders of
 * the same customer overtake it.
 */
public final class AnalyticsConsumer {

    private final SalesCounter sales;
    private final EventPublisher publisher;

    /** Counts into {@code sales} and feeds the dashboard through {@code publisher}. */
    public AnalyticsConsumer(SalesCounter sales, EventPublisher publisher) {
        this.sales = sales;
        this.publisher = publisher;
    }

    /**
     * Counts the order once. A failure propagates, so the record is retried in place and, if it
     * keeps failing, dead-lettered where it can be inspected and replayed.
     *
     * @throws InvalidOrderException when the total is negative; dead-lettered at once
     */
    @EventConsumer(
            topic = "orders.placed",
            deadLetterTopic = "analytics.orders.placed.DLT",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId",
            orderedBy = "customerId")
    public void onOrderPlaced(OrderPlaced order) {
        if (order.getTotalCents() < 0) {
            throw new InvalidOrderException(
                    "Order '" + order.getOrderId() + "' has a negative total '" + order.getTotalCents() + "'.");
        }
        if (!sales.claim(order.getOrderId())) {
            return; // already counted
        }
        try {
            publisher.publish(SaleCounted.TOPIC, order.getCustomerId(), Map.of(), SaleCounted.json(order));
            sales.count(order.getCurrency(), order.getTotalCents());
        } catch (RuntimeException e) {
            sales.release(order.getOrderId());
            throw e;
        }
    }
}
