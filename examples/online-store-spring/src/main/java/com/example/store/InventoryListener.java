package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Reserves stock once per order and announces it. */
@Component
public class InventoryListener {

    private final Ledger ledger;
    private final Events events;

    public InventoryListener(Ledger ledger, Events events) {
        this.ledger = ledger;
        this.events = events;
    }

    @RabbitListener(queues = "inventory.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        ledger.recordThen("inventory", order.orderId(), () -> events.publish("stock.reserved", order.orderId()));
    }
}
