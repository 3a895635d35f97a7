package com.example.inventory;

import java.util.HashSet;
import java.util.Set;

/** Consumes OrderPlaced events exactly once per order, whatever the broker redelivers. */
public class OrderPlacedConsumer {

    private final Set<String> processedOrderIds = new HashSet<>();

    /** Handles one event; returns false when the order was already processed (a redelivery). */
    public boolean onOrderPlaced(String orderId) {
        return processedOrderIds.add(orderId);
    }
}
