package dev.eventcontracts.spring.samples.oldretry;

import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Right but for retry: sets Boot 3's retry.max-attempts, which Boot 4 ignores (it reads max-retries). */
@SpringBootApplication
@PropertySource("classpath:samples/oldretry.properties")
public class OldRetryPropertyApp {

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
