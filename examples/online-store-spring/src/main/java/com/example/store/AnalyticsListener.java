package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Counts each sale once and publishes the count. */
@Component
public class AnalyticsListener {

    private final Ledger ledger;
    private final RabbitTemplate rabbit;

    public AnalyticsListener(Ledger ledger, RabbitTemplate rabbit) {
        this.ledger = ledger;
        this.rabbit = rabbit;
    }

    @RabbitListener(queues = "analytics.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        if (ledger.record("analytics", order.orderId())) {
            rabbit.convertAndSend("store", "sale.counted", order.orderId());
        }
    }
}
