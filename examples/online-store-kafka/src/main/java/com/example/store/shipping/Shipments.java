package com.example.store.shipping;

import com.example.store.events.Address;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderLine;
import com.example.store.events.OrderPlaced;
import com.example.store.events.ShipmentRequested;
import java.time.Clock;

/** Turns an order into the warehouse's shipment request. */
public final class Shipments {

    /** Items per parcel the warehouse packs. */
    static final int ITEMS_PER_PARCEL = 10;

    private Shipments() {}

    /**
     * The shipment request for {@code order}: the shipment id is derived from the order id, so every
     * attempt for one order names the same shipment.
     *
     * @throws InvalidOrderException when the order has no lines
     */
    public static ShipmentRequested request(OrderPlaced order, Clock clock) {
        if (order.getLines().isEmpty()) {
            throw new InvalidOrderException("Order '" + order.getOrderId() + "' has no lines to ship.");
        }
        int items = order.getLines().stream().mapToInt(OrderLine::getQuantity).sum();
        Address to = order.getShippingAddress();
        return ShipmentRequested.newBuilder()
                .setShipmentId("shp-" + order.getOrderId())
                .setOrderId(order.getOrderId())
                .setRecipient(to.getRecipient())
                .setStreet(to.getStreet())
                .setCity(to.getCity())
                .setPostalCode(to.getPostalCode())
                .setCountry(to.getCountry())
                .setParcels(Math.max(1, (items + ITEMS_PER_PARCEL - 1) / ITEMS_PER_PARCEL))
                .setRequestedAt(clock.instant())
                .setDeliveryNote(order.getDeliveryNote())
                .build();
    }
}
