package dev.eventcontracts.spring.samples.handlers;

import dev.eventcontracts.spring.samples.ParcelEvents;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Right, with a class-level {@code @RabbitListener} and two {@code @RabbitHandler}s. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class HandlersApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    /** A class-level listener picks its handler by the {@code __TypeId__} header: trust the events' package. */
    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter("dev.eventcontracts.spring.samples");
    }

    @Bean
    ParcelEvents listener(RabbitTemplate template) {
        return new ParcelEvents(template);
    }
}
