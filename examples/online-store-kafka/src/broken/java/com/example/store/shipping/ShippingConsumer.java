package com.example.store.shipping;

import com.example.store.events.AvroMessages;
import com.example.store.events.EventPublisher;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import com.example.store.events.ShipmentRequested;
import dev.eventcontracts.annotations.EventConsumer;
import java.time.Clock;

/**
 * BROKEN on purpose (profile {@code broken}): requests a shipment for every delivery of an order.
 * Kafka delivers at least once (a producer retry, a commit lost in a crash, a rebalance, a replay), so a redelivered {@code OrderPlaced} ships the order twice.
 */
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
     * Requests the order's shipment.
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
        // the bug: no ledger.claim(orderId) — every delivery publishes another request
        publisher.publish(
                TOPIC,
                order.getOrderId(),
                AvroMessages.headers(ShipmentRequested.getClassSchema()),
                AvroMessages.encode(request));
        ledger.requested(order.getOrderId(), request.getShipmentId());
    }
}
