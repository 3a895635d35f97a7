package com.example.store.inventory;

import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderLine;
import com.example.store.events.OrderPlaced;
import dev.eventcontracts.annotations.EventConsumer;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;

/**
 * BROKEN on purpose (profile {@code broken}): "the nightly stock reconciliation catches anything we
 * miss", so the consumer has no dead-letter topic and logs and returns on every failure. Kafka then
 * commits the offset: a record it cannot decode or process is skipped, never retried, never kept
 * anywhere it could be inspected or replayed — the order's stock is silently not reserved.
 */
public final class InventoryConsumer {

    private static final System.Logger LOG = System.getLogger(InventoryConsumer.class.getName());

    private final Reservations reservations;
    private final StockClient stock;

    /** Records reservations in {@code reservations} and reserves through {@code stock}. */
    public InventoryConsumer(Reservations reservations, StockClient stock) {
        this.reservations = reservations;
        this.stock = stock;
    }

    /**
     * Reserves the order's stock; swallows every failure (the bug).
     */
    @EventConsumer(
            topic = "orders.placed",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        try {
            reserve(order);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping order record that failed: {0}", e.toString());
            // the bug: returning normally commits the offset, and without a dead-letter topic the record is gone
        }
    }

    private void reserve(OrderPlaced order) {
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
