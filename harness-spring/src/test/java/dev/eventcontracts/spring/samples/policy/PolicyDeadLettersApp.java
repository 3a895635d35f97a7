package dev.eventcontracts.spring.samples.policy;

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
 * The queue has no {@code x-dead-letter-exchange} argument; the service declares the dead-letter
 * exchange and queue, and relies on a broker policy to point the queue at them. Otherwise right:
 * processed parcels in the service's database, outgoing events published with confirms.
 */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
public class PolicyDeadLettersApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLettersByPolicy();
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
    ParcelListener listener(RabbitTemplate template, DataSource dataSource) {
        return new ParcelListener(template, new JdbcParcelStore(dataSource), false, true);
    }
}
