package dev.eventcontracts.spring.samples.avrojson;

import dev.eventcontracts.spring.samples.ParcelStore;
import dev.eventcontracts.spring.samples.Topology;
import dev.eventcontracts.spring.samples.avro.AvroParcelListener;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** An Avro listener behind a JSON converter: service mode cannot publish its samples as Avro. */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/confirms.properties"})
public class AvroOverJsonApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    AvroParcelListener listener(RabbitTemplate template) {
        return new AvroParcelListener(template, ParcelStore.inMemory());
    }
}
