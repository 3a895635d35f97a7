package dev.eventcontracts.spring.samples.avro;

import dev.eventcontracts.spring.samples.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Right, with Avro payloads read by the service's own Avro converter on its listener container factory. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
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
    AvroParcelListener listener(RabbitTemplate template) {
        return new AvroParcelListener(template);
    }
}
