package dev.eventcontracts.spring.samples.good;

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
 * Right: DLX, DLQ, retry with a recoverer, no requeue of rejected messages, the record of
 * processed parcels in the service's database (shared by every instance, kept over restarts) in
 * one transaction with the outgoing event, which is published with confirms.
 */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
public class GoodParcelApp {

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
        return new ParcelListener(template, store, false, true);
    }
}
