package com.example.shipping;

import com.example.events.OrderPlaced;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

public class ShippingListener {

    @RabbitListener(queues = "${shipping.queue}")
    public void ship(OrderPlaced order) {}
}
