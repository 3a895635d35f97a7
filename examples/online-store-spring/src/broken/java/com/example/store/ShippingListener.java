package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Broken: the shipment is recorded once, but announced on every delivery. */
@Component
public class ShippingListener {

    private final Ledger ledger;
    private final RabbitTemplate rabbit;

    public ShippingListener(Ledger ledger, RabbitTemplate rabbit) {
        this.ledger = ledger;
        this.rabbit = rabbit;
    }

    @RabbitListener(queues = "shipping.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        ledger.record("shipping", order.orderId());
        rabbit.convertAndSend("store", "shipment.created", order.orderId());
    }
}
