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
 * The broker delivers at least once, so a redelivered {@code OrderPlaced} ships the order twice.
 */
public final class ShippingConsumer {

    /** The exchange shipping publishes to. */
    public static final String EXCHANGE = "shipping";

    /** The routing key of {@code ShipmentRequested}. */
    public static final String SHIPMENT_REQUESTED = "shipment.requested";

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
            queue = "shipping.order-placed",
            exchange = "orders",
            routingKey = "order.placed",
            deadLetterQueue = "shipping.order-placed.dlq",
            maxAttempts = 3,
            nonRetryable = InvalidOrderException.class,
            idempotencyKey = "orderId")
    public void onOrderPlaced(OrderPlaced order) {
        ShipmentRequested request = Shipments.request(order, clock);
        // the bug: no ledger.claim(orderId) — every delivery publishes another request
        publisher.publish(
                EXCHANGE,
                SHIPMENT_REQUESTED,
                AvroMessages.headers(ShipmentRequested.getClassSchema()),
                AvroMessages.encode(request));
        ledger.requested(order.getOrderId(), request.getShipmentId());
    }
}
