package com.example.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The consumers' state, one entry per (consumer, order): in memory here, a table in production. */
@Component
public class Ledger {

    private final Set<String> entries = ConcurrentHashMap.newKeySet();

    /** Records the order for the consumer; false when it was already recorded (a redelivery). */
    public boolean record(String consumer, String orderId) {
        return entries.add(consumer + "/" + orderId);
    }
}
