package com.example.stock;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The durable state: reserved units per SKU, and the orders already processed. */
public class Stock {
    final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    final Set<String> processed = ConcurrentHashMap.newKeySet();

    /** Called before each write; a test fixture fails it to simulate an unavailable store. */
    protected void beforeWrite() {}

    public Map<String, Object> snapshot() {
        return new TreeMap<>(reserved);
    }
}
