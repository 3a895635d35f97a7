package com.example.store.order;

import com.example.store.events.Address;
import com.example.store.events.OrderLine;
import java.util.List;

/**
 * A customer's checkout, as the web shop submits it.
 *
 * @param customerId who orders
 * @param lines what, how many, at which unit price
 * @param currency ISO 4217 code of the prices
 * @param shippingAddress where to ship
 * @param deliveryNote an optional note for the courier, or null
 */
public record PlaceOrder(
        String customerId, List<OrderLine> lines, String currency, Address shippingAddress, String deliveryNote) {

    /** Copies the lines. */
    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
