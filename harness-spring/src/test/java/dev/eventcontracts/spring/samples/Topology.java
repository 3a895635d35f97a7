package dev.eventcontracts.spring.samples;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/** The sample services' topologies: right, and with the defects service mode must catch. */
public final class Topology {

    public static final String QUEUE = "parcels.scanned";

    private Topology() {}

    /** Queue with a DLX, the DLX, a bound DLQ, and the outgoing exchange. */
    public static Declarables withDeadLetters() {
        Queue queue = QueueBuilder.durable(QUEUE)
                .deadLetterExchange(QUEUE + ".dlx")
                .deadLetterRoutingKey(QUEUE)
                .build();
        Queue dlq = QueueBuilder.durable(QUEUE + ".dlq").build();
        DirectExchange dlx = new DirectExchange(QUEUE + ".dlx");
        Binding binding = BindingBuilder.bind(dlq).to(dlx).with(QUEUE);
        return new Declarables(queue, dlq, dlx, binding, new TopicExchange("parcels"));
    }

    /**
     * Queue without a dead-letter argument, and the DLX and bound DLQ a broker policy ({@code
     * dead-letter-exchange}) is to point it at; dead letters keep their routing key, the queue's name.
     */
    public static Declarables withDeadLettersByPolicy() {
        Queue dlq = QueueBuilder.durable(QUEUE + ".dlq").build();
        DirectExchange dlx = new DirectExchange(QUEUE + ".dlx");
        Binding binding = BindingBuilder.bind(dlq).to(dlx).with(QUEUE);
        return new Declarables(QueueBuilder.durable(QUEUE).build(), dlq, dlx, binding, new TopicExchange("parcels"));
    }

    /** Queue without a dead-letter exchange. */
    public static Declarables withoutDeadLetters() {
        return new Declarables(QueueBuilder.durable(QUEUE).build(), new TopicExchange("parcels"));
    }

    /** Queue naming a dead-letter exchange that nobody declares. */
    public static Declarables withUndeclaredDeadLetterExchange() {
        Queue queue = QueueBuilder.durable(QUEUE)
                .deadLetterExchange(QUEUE + ".dlx")
                .deadLetterRoutingKey(QUEUE)
                .build();
        return new Declarables(queue, new TopicExchange("parcels"));
    }
}
