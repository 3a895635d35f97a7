package com.example.store.order;

import com.example.store.events.AvroMessages;
import com.example.store.events.EventPublisher;
import com.example.store.events.OrderLine;
import com.example.store.events.OrderPlaced;
import java.time.Clock;
import java.util.function.Supplier;

/** Accepts orders and announces each one as {@code OrderPlaced} on topic {@value #TOPIC}, keyed by order id. */
public final class OrderService {

    /** The topic of {@code OrderPlaced}. */
    public static final String TOPIC = "orders.placed";

    private final EventPublisher publisher;
    private final String topic;
    private final Clock clock;
    private final Supplier<String> orderIds;

    /** Publishes with {@code publisher}, stamps with {@code clock} and numbers orders with {@code orderIds}. */
    public OrderService(EventPublisher publisher, Clock clock, Supplier<String> orderIds) {
        this(publisher, TOPIC, clock, orderIds);
    }

    /** As above, producing to {@code topic} instead of {@value #TOPIC} (a test's run-unique topic). */
    public OrderService(EventPublisher publisher, String topic, Clock clock, Supplier<String> orderIds) {
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
        this.orderIds = orderIds;
    }

    /**
     * Validates the order, publishes {@code OrderPlaced} and returns it.
     *
     * @throws IllegalArgumentException when the order has no lines or a line has no positive quantity
     */
    public OrderPlaced placeOrder(PlaceOrder order) {
        if (order.lines().isEmpty()) {
            throw new IllegalArgumentException("Order of customer '" + order.customerId() + "' has no lines.");
        }
        long total = 0;
        for (OrderLine line : order.lines()) {
            if (line.getQuantity() <= 0) {
                throw new IllegalArgumentException(
                        "Line '" + line.getSku() + "' has quantity '" + line.getQuantity() + "'; it must be positive.");
            }
            total = Math.addExact(total, Math.multiplyExact(line.getUnitPriceCents(), (long) line.getQuantity()));
        }
        OrderPlaced event = OrderPlaced.newBuilder()
                .setOrderId(orderIds.get())
                .setCustomerId(order.customerId())
                .setLines(order.lines())
                .setCurrency(order.currency())
                .setTotalCents(total)
                .setShippingAddress(order.shippingAddress())
                .setPlacedAt(clock.instant())
                .setDeliveryNote(order.deliveryNote())
                .build();
        publisher.publish(
                topic, event.getOrderId(), AvroMessages.headers(OrderPlaced.getClassSchema()), AvroMessages.encode(event));
        return event;
    }
}
