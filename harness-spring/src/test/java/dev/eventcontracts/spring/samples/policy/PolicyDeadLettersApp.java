package dev.eventcontracts.spring.samples.policy;

import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * The queue has no {@code x-dead-letter-exchange} argument; the service declares the dead-letter
 * exchange and queue, and relies on a broker policy to point the queue at them.
 */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class PolicyDeadLettersApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLettersByPolicy();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    ParcelListener listener(RabbitTemplate template) {
        return new ParcelListener(template, false);
    }
}
