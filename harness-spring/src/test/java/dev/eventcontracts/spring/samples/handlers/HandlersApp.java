package dev.eventcontracts.spring.samples.handlers;

import dev.eventcontracts.spring.samples.JdbcParcelStore;
import dev.eventcontracts.spring.samples.ParcelEvents;
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
 * Right, with a class-level {@code @RabbitListener} and two {@code @RabbitHandler}s: the record of
 * processed parcels in the service's database, each outgoing event published with confirms.
 */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
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
    DataSource dataSource(@Value("${spring.rabbitmq.addresses:localhost}") String broker) {
        return JdbcParcelStore.sharedDatabase(broker);
    }

    @Bean
    ParcelEvents listener(RabbitTemplate template, DataSource dataSource) {
        return new ParcelEvents(template, new JdbcParcelStore(dataSource));
    }
}
