package dev.eventcontracts.spring.samples.rejecting;

import dev.eventcontracts.spring.samples.RejectingParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Defect: Spring's defaults (requeue rejected, no retry). Invalid events are still dead-lettered
 * (the listener rejects them itself), but any unexpected failure loops forever.
 */
@SpringBootApplication
@PropertySource({
    "classpath:samples/${rejecting.properties:defaults}.properties",
    "classpath:samples/confirms.properties"
})
public class RejectingDefaultsApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    RejectingParcelListener listener(RabbitTemplate template) {
        return new RejectingParcelListener(template);
    }
}
