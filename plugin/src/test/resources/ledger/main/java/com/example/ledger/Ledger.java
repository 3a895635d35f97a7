package com.example.ledger;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger's durable state. */
public class Ledger {
    final Map<String, Long> balances = new ConcurrentHashMap<>();
    final Set<String> booked = ConcurrentHashMap.newKeySet();
    long auditedPayments;

    /** Called before each write; a test fixture fails it to simulate an unavailable store. */
    protected void beforeWrite() {}

    public Map<String, Object> snapshot() {
        Map<String, Object> state = new TreeMap<>(balances);
        state.put("auditedPayments", auditedPayments);
        return state;
    }
}
