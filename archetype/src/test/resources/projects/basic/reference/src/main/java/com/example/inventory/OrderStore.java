package com.example.inventory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's durable state, in memory: accepted orders by order id. Replace it with your
 * database table; keep the atomic "insert if absent" on the idempotency key.
 */
public class OrderStore {

    private final Map<String, Long> totalCentsByOrder = new ConcurrentHashMap<>();

    /** Stores the order; false when an order with this id is already stored (a redelivery). */
    public boolean insertIfAbsent(String orderId, long totalCents) {
        return totalCentsByOrder.putIfAbsent(orderId, totalCents) == null;
    }

    /** Number of stored orders. */
    public int size() {
        return totalCentsByOrder.size();
    }

    /** The stored orders, sorted by id: what the contract tests compare between runs. */
    public Map<String, Long> snapshot() {
        return new TreeMap<>(totalCentsByOrder);
    }
}
