package dev.eventcontracts.spring.samples.dlxmissing;

import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Defect: the dead-letter exchange is declared by nobody. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class UndeclaredDeadLetterExchangeApp {

    @Bean
    Declarables topology() {
        return Topology.withUndeclaredDeadLetterExchange();
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
