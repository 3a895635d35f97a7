package com.example;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A service's durable state: units reserved per order, and the orders already processed. */
public final class Ledger {

    final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    final Set<String> processed = ConcurrentHashMap.newKeySet();

    public Map<String, Integer> snapshot() {
        return new TreeMap<>(reserved);
    }
}
