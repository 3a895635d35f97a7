package dev.eventcontracts.spring.samples.avro;

import dev.eventcontracts.spring.samples.JdbcParcelStore;
import dev.eventcontracts.spring.samples.Topology;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Right, with Avro payloads read by the service's own Avro converter on its listener container
 * factory; processed parcels in its database, outgoing events published with confirms.
 */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
public class AvroApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connections) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connections);
        factory.setMessageConverter(new AvroBinaryConverter<>(ParcelWeighed.class));
        return factory;
    }

    @Bean
    DataSource dataSource(@Value("${spring.rabbitmq.addresses:localhost}") String broker) {
        return JdbcParcelStore.sharedDatabase(broker);
    }

    @Bean
    AvroParcelListener listener(RabbitTemplate template, DataSource dataSource) {
        return new AvroParcelListener(template, new JdbcParcelStore(dataSource));
    }
}
