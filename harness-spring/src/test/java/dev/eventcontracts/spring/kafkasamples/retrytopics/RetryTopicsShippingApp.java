package dev.eventcontracts.spring.kafkasamples.retrytopics;

import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** Wrong for an ordered consumer: @RetryableTopic moves a failing record aside and lets later ones of its key pass. */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/guarded.properties")
@PropertySource("classpath:kafkasamples/retrytopics.properties")
public class RetryTopicsShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    RetryingShipmentListener listener(
            KafkaTemplate<Object, Object> template,
            @Value("${spring.kafka.bootstrap-servers}/${orders.topic}") String cluster) {
        return new RetryingShipmentListener(template, cluster);
    }
}
