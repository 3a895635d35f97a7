package dev.eventcontracts.spring.samples.httpretry;

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

/** Right: a downstream 503 is retried in the listener. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class HttpRetryApp {

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
