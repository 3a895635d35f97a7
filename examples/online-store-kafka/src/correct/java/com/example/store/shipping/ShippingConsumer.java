package com.example.store.shipping;

import com.example.store.events.AvroMessages;
import com.example.store.events.EventPublisher;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import com.example.store.events.ShipmentRequested;
import dev.eventcontracts.annotations.EventConsumer;
import java.time.Clock;

/** Asks the warehouse to ship each order: publishes one {@code ShipmentRequested} per order. */
public final class ShippingConsumer {

    /** The topic shipping produces {@code ShipmentRequested} to. */
    public static final String TOPIC = "shipping.requested";

    private final ShipmentLedger ledger;
    private final EventPublisher publisher;
    private final Clock clock;

    /** Records shipments in {@code ledger}, publishes with {@code publisher}, stamps with {@code clock}. */
    public ShippingConsumer(ShipmentLedger ledger, EventPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Requests the order's shipment, once per order id.
     *
     * @throws InvalidOrderException when the order has no lines
     */
    @EventConsumer(
            topic = "orders.placed",
            deadLetterTopic = "shipping.orders.placed.DLT",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        ShipmentRequested request = Shipments.request(order, clock);
        if (!ledger.claim(order.getOrderId())) {
            return; // already requested: a redelivery, a replay or another instance
        }
        try {
            publisher.publish(
                    TOPIC,
                    order.getOrderId(),
                    AvroMessages.headers(ShipmentRequested.getClassSchema()),
                    AvroMessages.encode(request));
            ledger.requested(order.getOrderId(), request.getShipmentId());
        } catch (RuntimeException e) {
            ledger.release(order.getOrderId());
            throw e;
        }
    }
}
