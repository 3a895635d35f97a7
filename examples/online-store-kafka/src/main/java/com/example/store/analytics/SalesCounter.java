package com.example.store.analytics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sales figures: orders counted and revenue per currency, each order counted once (in memory here;
 * a table keyed by order id in production). {@link #claim} is atomic, so two instances cannot both
 * count an order.
 */
public final class SalesCounter {

    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> revenueCents = new TreeMap<>();
    private int orders;

    /** Claims {@code orderId} for counting; false when it was already claimed. */
    public boolean claim(String orderId) {
        return claimed.add(orderId);
    }

    /** Gives up a claim after a failure, so the redelivered message can try again. */
    public void release(String orderId) {
        claimed.remove(orderId);
    }

    /** Counts a sale of {@code totalCents} in {@code currency}. */
    public synchronized void count(String currency, long totalCents) {
        orders++;
        revenueCents.merge(currency, totalCents, Long::sum);
    }

    /** Number of orders counted. */
    public synchronized int orders() {
        return orders;
    }

    /** Revenue in cents for {@code currency}. */
    public synchronized long revenueCents(String currency) {
        return revenueCents.getOrDefault(currency, 0L);
    }

    /** Orders and revenue per currency: what contract tests compare between runs. */
    public synchronized Map<String, Object> snapshot() {
        return Map.of("orders", orders, "revenueCentsByCurrency", new TreeMap<>(revenueCents));
    }
}
