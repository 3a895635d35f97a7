package dev.eventcontracts.spring.samples.memorydedupe;

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
 * Defect: right topology and retry, but the record of processed parcels is in the listener's
 * memory: a restarted service and a second instance both publish the outgoing event again.
 */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class InMemoryDedupeApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
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
