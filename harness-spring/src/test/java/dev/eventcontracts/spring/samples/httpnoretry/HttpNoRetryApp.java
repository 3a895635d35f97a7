package dev.eventcontracts.spring.samples.httpnoretry;

import dev.eventcontracts.spring.samples.HttpParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import java.net.URI;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Defect: no retry, a single downstream 503 dead-letters the event. */
@SpringBootApplication
@PropertySource("classpath:samples/noretry.properties")
public class HttpNoRetryApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    HttpParcelListener listener(@Value("${eventcontracts.http.uri:http://127.0.0.1:1}") URI depot) {
        return new HttpParcelListener(depot);
    }
}
