package dev.eventcontracts.spring.samples.avrorepublish;

import dev.eventcontracts.spring.samples.ParcelStore;
import dev.eventcontracts.spring.samples.Topology;
import dev.eventcontracts.spring.samples.avro.AvroBinaryConverter;
import dev.eventcontracts.spring.samples.avro.AvroParcelListener;
import dev.eventcontracts.spring.samples.avro.ParcelWeighed;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** Like the Avro app, but the listener announces the parcel again on every repeated delivery. */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
public class AvroRepublishApp {

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
        return new AvroParcelListener(template, ParcelStore.inMemory(), true);
    }
}
