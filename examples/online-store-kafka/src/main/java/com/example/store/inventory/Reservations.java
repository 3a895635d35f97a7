package com.example.store.inventory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inventory service's durable record of which orders have stock reserved (in memory here; a
 * table with the order id as primary key in production). Claiming is atomic, so two instances
 * receiving the same order at once reserve it once.
 */
public final class Reservations {

    private enum Status {
        IN_PROGRESS,
        RESERVED
    }

    private final Map<String, Status> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Integer> reservedUnits = new ConcurrentHashMap<>();

    /** Claims {@code orderId}; false when it is already reserved or being reserved. */
    public boolean claim(String orderId) {
        return byOrder.putIfAbsent(orderId, Status.IN_PROGRESS) == null;
    }

    /** Marks a claimed order reserved with its units per SKU. */
    public synchronized void reserved(String orderId, Map<String, Integer> unitsBySku) {
        byOrder.put(orderId, Status.RESERVED);
        unitsBySku.forEach((sku, units) -> reservedUnits.merge(sku, units, Integer::sum));
    }

    /** Gives up a claim after a failure, so the redelivered message can try again. */
    public void release(String orderId) {
        byOrder.remove(orderId, Status.IN_PROGRESS);
    }

    /** Reserved orders and units per SKU, sorted: what contract tests compare between runs. */
    public synchronized Map<String, Object> snapshot() {
        List<String> orders = byOrder.entrySet().stream()
                .filter(e -> e.getValue() == Status.RESERVED)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        return Map.of("reservedOrders", orders, "reservedUnitsBySku", new TreeMap<>(reservedUnits));
    }
}
