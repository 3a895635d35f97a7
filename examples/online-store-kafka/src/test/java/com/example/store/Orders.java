package com.example.store;

import com.example.store.events.Address;
import com.example.store.events.OrderLine;
import com.example.store.events.OrderPlaced;
import com.example.store.order.OrderService;
import com.example.store.order.PlaceOrder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Sample orders for the unit tests. */
public final class Orders {

    /** When the sample orders are placed. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:59:00Z"), ZoneOffset.UTC);

    private Orders() {}

    /** A checkout of two lines (2 x sku-7 at 12.50, 1 x sku-9 at 49.99 EUR) to Berlin. */
    public static PlaceOrder checkout() {
        return new PlaceOrder(
                "c-42",
                List.of(new OrderLine("sku-7", 2, 1250L), new OrderLine("sku-9", 1, 4999L)),
                "EUR",
                new Address("Ada Lovelace", "Unter den Linden 1", "Berlin", "10117", "DE"),
                "leave at the door");
    }

    /** The OrderPlaced the order service publishes for {@link #checkout()} as order {@code orderId}. */
    public static OrderPlaced placed(String orderId) {
        return new OrderService((topic, key, headers, body) -> {}, CLOCK, () -> orderId)
                .placeOrder(checkout());
    }
}
