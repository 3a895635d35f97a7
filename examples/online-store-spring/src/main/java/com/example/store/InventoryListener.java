package com.example.store;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Reserves stock once per order and announces it. */
@Component
public class InventoryListener {

    private final Ledger ledger;
    private final RabbitTemplate rabbit;

    public InventoryListener(Ledger ledger, RabbitTemplate rabbit) {
        this.ledger = ledger;
        this.rabbit = rabbit;
    }

    @RabbitListener(queues = "inventory.order-placed")
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        if (ledger.record("inventory", order.orderId())) {
            rabbit.convertAndSend("store", "stock.reserved", order.orderId());
        }
    }
}
