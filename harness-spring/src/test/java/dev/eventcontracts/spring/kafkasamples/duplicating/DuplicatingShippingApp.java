package dev.eventcontracts.spring.kafkasamples.duplicating;

import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/** Wrong: dead letters are right, but the listener produces a shipment on every record (not idempotent). */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/guarded.properties")
@PropertySource("classpath:kafkasamples/duplicating.properties")
public class DuplicatingShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        return SampleKafka.deadLettering(template);
    }

    @Bean
    ShipmentListener listener(
            KafkaTemplate<Object, Object> template,
            @Value("${spring.kafka.bootstrap-servers}/${orders.topic}") String cluster) {
        return new ShipmentListener(template, cluster, false);
    }
}
