package com.example.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every queue dead-letters into its own DLQ. */
@Configuration
public class RabbitConfig {

    static final List<String> QUEUES = List.of("inventory.order-placed", "shipping.order-placed", "analytics.order-placed");

    @Bean
    Declarables topology() {
        TopicExchange orders = new TopicExchange("orders");
        List<Declarable> all = new ArrayList<>(List.of(orders, new TopicExchange("store")));
        for (String name : QUEUES) {
            Queue queue = QueueBuilder.durable(name).deadLetterExchange(name + ".dlx").deadLetterRoutingKey(name).build();
            all.addAll(deadLetters(name));
            all.add(queue);
            all.add(BindingBuilder.bind(queue).to(orders).with("order.placed"));
        }
        return new Declarables(all);
    }

    static List<Declarable> deadLetters(String name) {
        Queue dlq = QueueBuilder.durable(name + ".dlq").build();
        DirectExchange dlx = new DirectExchange(name + ".dlx");
        return List.of(dlq, dlx, BindingBuilder.bind(dlq).to(dlx).with(name));
    }

    @Bean
    MessageConverter messageConverter() {
        return new JacksonJsonMessageConverter();
    }
}
