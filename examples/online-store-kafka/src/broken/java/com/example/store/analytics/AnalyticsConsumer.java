package com.example.store.analytics;

import com.example.store.events.EventPublisher;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * BROKEN on purpose (profile {@code broken}): "don't hold up the partition for a flaky feed", so
 * when publishing a sale fails the order is set aside in a retry-later list and tried again after
 * the next record (what non-blocking retry topics do). The contract declares {@code orderedBy =
 * "customerId"}, but a later order of the same customer now reaches the sales feed before the one
 * that failed: the customer's sales are shown out of order.
 */
public final class AnalyticsConsumer {

    private final SalesCounter sales;
    private final EventPublisher publisher;
    private final Deque<OrderPlaced> retryLater = new ArrayDeque<>();

    /** Counts into {@code sales} and feeds the dashboard through {@code publisher}. */
    public AnalyticsConsumer(SalesCounter sales, EventPublisher publisher) {
        this.sales = sales;
        this.publisher = publisher;
    }

    /**
     * Counts the order once; a failed publish is set aside and retried after later records (the bug).
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
        if (!count(order)) {
            retryLater.add(order); // the bug: later records of this customer overtake it
            return;
        }
        while (!retryLater.isEmpty() && count(retryLater.peek())) {
            retryLater.poll();
        }
    }

    private boolean count(OrderPlaced order) {
        if (!sales.claim(order.getOrderId())) {
            return true; // already counted
        }
        try {
            publisher.publish(SaleCounted.TOPIC, order.getCustomerId(), Map.of(), SaleCounted.json(order));
            sales.count(order.getCurrency(), order.getTotalCents());
            return true;
        } catch (UncheckedIOException e) {
            sales.release(order.getOrderId());
            return false;
        }
    }
}
