package com.example.defects;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** One listener per defect class, and one right listener. */
@SpringBootApplication
public class DefectsApplication {

    static Queue withDeadLetters(String name) {
        return QueueBuilder.durable(name).deadLetterExchange(name + ".dlx").deadLetterRoutingKey(name).build();
    }

    static Declarables deadLetters(String name) {
        Queue dlq = QueueBuilder.durable(name + ".dlq").build();
        DirectExchange dlx = new DirectExchange(name + ".dlx");
        return new Declarables(dlq, dlx, BindingBuilder.bind(dlq).to(dlx).with(name));
    }

    @Bean
    Declarables topology() {
        return new Declarables(
                new TopicExchange("shipments"),
                withDeadLetters("shipments.good"),
                QueueBuilder.durable("shipments.no-dlx").build(),
                withDeadLetters("shipments.requeue"),
                withDeadLetters("shipments.nobody-dlx"),
                withDeadLetters("shipments.ackless"),
                withDeadLetters("shipments.republish"));
    }

    @Bean
    Declarables deadLetterQueues() {
        List<Declarable> all = new ArrayList<>();
        for (String q : List.of("shipments.good", "shipments.requeue", "shipments.ackless", "shipments.republish")) {
            all.addAll(deadLetters(q).getDeclarables());
        }
        return new Declarables(all);
    }

    @Bean
    MessageConverter messageConverter() {
        return new JacksonJsonMessageConverter();
    }

    /** Spring's own defaults: rejected messages are requeued, no retry. */
    @Bean
    SimpleRabbitListenerContainerFactory requeueForever(ConnectionFactory connections, MessageConverter converter) {
        SimpleRabbitListenerContainerFactory f = new SimpleRabbitListenerContainerFactory();
        f.setConnectionFactory(connections);
        f.setMessageConverter(converter);
        return f;
    }

    /** Acknowledges on delivery. */
    @Bean
    SimpleRabbitListenerContainerFactory ackless(ConnectionFactory connections, MessageConverter converter) {
        SimpleRabbitListenerContainerFactory f = new SimpleRabbitListenerContainerFactory();
        f.setConnectionFactory(connections);
        f.setMessageConverter(converter);
        f.setAcknowledgeMode(AcknowledgeMode.NONE);
        return f;
    }
}
