package dev.eventcontracts.spring.samples.unconfirmed;

import dev.eventcontracts.spring.samples.JdbcParcelStore;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.Topology;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Defect: right topology, retry and database, but the outgoing event is published without
 * publisher confirms: a publish the broker drops is lost while the listener acknowledges its input.
 */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class UnconfirmedPublisherApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    DataSource dataSource(@Value("${spring.rabbitmq.addresses:localhost}") String broker) {
        return JdbcParcelStore.sharedDatabase(broker);
    }

    @Bean
    JdbcParcelStore parcelStore(DataSource dataSource) {
        return new JdbcParcelStore(dataSource);
    }

    @Bean
    ParcelListener listener(RabbitTemplate template, JdbcParcelStore store) {
        return new ParcelListener(template, store, false, false);
    }
}
