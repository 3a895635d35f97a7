package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Counts each sale once and publishes the count. */
@Component
public class AnalyticsListener {

    private final Ledger ledger;
    private final Events events;

    public AnalyticsListener(Ledger ledger, Events events) {
        this.ledger = ledger;
        this.events = events;
    }

    @RabbitListener(queues = "analytics.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        ledger.recordThen("analytics", order.orderId(), () -> events.publish("sale.counted", order.orderId()));
    }
}
