package com.example.returns;

import com.example.events.OrderPlaced;
import org.springframework.amqp.rabbit.annotation.Exchange;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.QueueBinding;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

public class ReturnsListener {

    @RabbitListener(bindings = @QueueBinding(
            value = @Queue("returns.order-placed"),
            exchange = @Exchange(name = "orders", type = "topic"),
            key = "order.*"))
    public void onReturn(OrderPlaced order) {}
}
