package com.example.store.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipping service's durable record of requested shipments (in memory here; a table keyed by
 * order id in production). {@link #claim} is atomic, so two instances cannot both ship an order.
 */
public final class ShipmentLedger {

    private final Map<String, Boolean> claimed = new ConcurrentHashMap<>();
    private final List<String> shipments = new ArrayList<>();

    /** Claims {@code orderId} for shipping; false when it was already claimed. */
    public boolean claim(String orderId) {
        return claimed.putIfAbsent(orderId, Boolean.TRUE) == null;
    }

    /** Gives up a claim after a failure, so the redelivered message can try again. */
    public void release(String orderId) {
        claimed.remove(orderId);
    }

    /** Records that {@code shipmentId} was requested for {@code orderId}. */
    public synchronized void requested(String orderId, String shipmentId) {
        shipments.add(orderId + " -> " + shipmentId);
    }

    /** Requested shipments per order, sorted: what contract tests compare between runs. */
    public synchronized Map<String, Long> snapshot() {
        Map<String, Long> perOrder = new TreeMap<>();
        shipments.forEach(s -> perOrder.merge(s, 1L, Long::sum));
        return perOrder;
    }
}
