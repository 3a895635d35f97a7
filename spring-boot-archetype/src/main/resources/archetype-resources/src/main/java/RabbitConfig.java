package ${package};

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topology this service declares: its queue with a dead-letter exchange, the dead-letter
 * queue bound to it, and the exchanges it reads from and publishes to.
 */
@Configuration
public class RabbitConfig {

    public static final String QUEUE = "inventory.order-placed";
    public static final String DEAD_LETTER_EXCHANGE = QUEUE + ".dlx";
    public static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";
    public static final String ORDERS = "orders";
    public static final String EVENTS = "inventory";

    @Bean
    Declarables topology() {
        Queue queue = QueueBuilder.durable(QUEUE)
                .deadLetterExchange(DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(QUEUE)
                .build();
        Queue deadLetters = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
        DirectExchange dlx = new DirectExchange(DEAD_LETTER_EXCHANGE);
        TopicExchange orders = new TopicExchange(ORDERS);
        return new Declarables(
                queue,
                deadLetters,
                dlx,
                orders,
                new TopicExchange(EVENTS),
                BindingBuilder.bind(queue).to(orders).with("order.placed"),
                BindingBuilder.bind(deadLetters).to(dlx).with(QUEUE));
    }

    @Bean
    MessageConverter messageConverter() {
        return new JacksonJsonMessageConverter();
    }
}
