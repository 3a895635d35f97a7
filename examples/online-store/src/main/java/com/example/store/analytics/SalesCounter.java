package com.example.store.analytics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sales figures: orders counted and revenue per currency, each order counted once (in memory here;
 * a table keyed by order id in production).
 */
public final class SalesCounter {

    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> revenueCents = new TreeMap<>();

    /** Counts a sale; false when {@code orderId} was already counted. */
    public synchronized boolean count(String orderId, String currency, long totalCents) {
        if (!counted.add(orderId)) {
            return false;
        }
        revenueCents.merge(currency, totalCents, Long::sum);
        return true;
    }

    /** Number of orders counted. */
    public int orders() {
        return counted.size();
    }

    /** Revenue in cents for {@code currency}. */
    public synchronized long revenueCents(String currency) {
        return revenueCents.getOrDefault(currency, 0L);
    }

    /** Orders and revenue per currency: what contract tests compare between runs. */
    public synchronized Map<String, Object> snapshot() {
        return Map.of("orders", counted.size(), "revenueCentsByCurrency", new TreeMap<>(revenueCents));
    }
}
