package dev.eventcontracts.spring.samples.nodlx;

import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Defect: the queue has no dead-letter exchange. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class NoDeadLetterExchangeApp {

    @Bean
    Declarables topology() {
        return Topology.withoutDeadLetters();
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
