package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Creates one shipment per order and announces it once. */
@Component
public class ShippingListener {

    private final Ledger ledger;
    private final Events events;

    public ShippingListener(Ledger ledger, Events events) {
        this.ledger = ledger;
        this.events = events;
    }

    @RabbitListener(queues = "shipping.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        ledger.recordThen("shipping", order.orderId(), () -> events.publish("shipment.created", order.orderId()));
    }
}
