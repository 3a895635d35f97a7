package com.example.store.inventory;

import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderLine;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;
import java.util.Map;
import java.util.TreeMap;

/** Reserves stock at the stock service for every order, once per order however often it arrives. */
public final class InventoryConsumer {

    private final Reservations reservations;
    private final StockClient stock;

    /** Records reservations in {@code reservations} and reserves through {@code stock}. */
    public InventoryConsumer(Reservations reservations, StockClient stock) {
        this.reservations = reservations;
        this.stock = stock;
    }

    /**
     * Reserves the order's stock.
     *
     * @throws InvalidOrderException when the order has no lines or a non-positive quantity
     */
    @EventConsumer(
            topic = "orders.placed",
            deadLetterTopic = "inventory.orders.placed.DLT",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        Map<String, Integer> units = unitsBySku(order);
        String orderId = order.getOrderId();
        if (!reservations.claim(orderId)) {
            return; // a redelivery, a replay or another instance got it first
        }
        try {
            stock.reserve(orderId, order.getLines());
            reservations.reserved(orderId, units);
        } catch (RuntimeException e) {
            reservations.release(orderId);
            throw e;
        }
    }

    private static Map<String, Integer> unitsBySku(OrderPlaced order) {
        if (order.getLines().isEmpty()) {
            throw new InvalidOrderException("Order '" + order.getOrderId() + "' has no lines.");
        }
        Map<String, Integer> units = new TreeMap<>();
        for (OrderLine line : order.getLines()) {
            if (line.getQuantity() <= 0) {
                throw new InvalidOrderException("Order '" + order.getOrderId() + "' line '" + line.getSku()
                        + "' has quantity '" + line.getQuantity() + "'; it must be positive.");
            }
            units.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        return units;
    }
}
