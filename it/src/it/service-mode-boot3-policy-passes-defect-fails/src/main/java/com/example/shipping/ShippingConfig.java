package com.example.shipping;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.Jackson2JsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues carry no dead-letter argument: operations sets the DLX by policy (shipping-dead-letters).
 * The service declares the DLX and the dead-letter queues; dead letters keep their routing key, the
 * queue's name.
 */
@Configuration
public class ShippingConfig {

    public static final String ORDERS = "shipping.order-placed";
    public static final String PARCELS = "shipping.parcel-events";

    @Bean
    Declarables topology() {
        DirectExchange dlx = new DirectExchange("shipping.dlx");
        Queue ordersDlq = QueueBuilder.durable(ORDERS + ".dlq").build();
        Queue parcelsDlq = QueueBuilder.durable(PARCELS + ".dlq").build();
        return new Declarables(
                new TopicExchange("shipping"),
                QueueBuilder.durable(ORDERS).build(),
                QueueBuilder.durable(PARCELS).build(),
                dlx,
                ordersDlq,
                parcelsDlq,
                BindingBuilder.bind(ordersDlq).to(dlx).with(ORDERS),
                BindingBuilder.bind(parcelsDlq).to(dlx).with(PARCELS));
    }

    /** Jackson 2 (Spring AMQP 3.2); the class-level listener picks its handler by __TypeId__. */
    @Bean
    MessageConverter messageConverter() {
        return new Jackson2JsonMessageConverter("com.example.shipping");
    }
}
