package com.example.shipping;

import dev.eventcontracts.annotations.EventConsumer;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Requests a shipment per order. */
@Component
public class OrderPlacedListener {

    private final Shipping shipping;

    public OrderPlacedListener(Shipping shipping) {
        this.shipping = shipping;
    }

    @RabbitListener(queues = ShippingConfig.ORDERS)
    @EventConsumer(queue = ShippingConfig.ORDERS, deadLetterQueue = "shipping.order-placed.dlq", maxAttempts = 3)
    public void onOrderPlaced(OrderPlaced order) {
        order.validate();
        shipping.storeAndAnnounce(order.orderId(), "shipment.requested");
    }
}
