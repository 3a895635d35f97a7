package com.example;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The service's durable state: units reserved per SKU, and the requests already processed. */
public final class Stock {

    final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    final Set<String> processed = ConcurrentHashMap.newKeySet();

    void reserve(StockRequested request) {
        for (StockRequested.Line line : request.lines()) {
            reserved.merge(line.sku(), line.quantity(), Integer::sum);
        }
    }

    public Map<String, Integer> snapshot() {
        return new TreeMap<>(reserved);
    }
}
