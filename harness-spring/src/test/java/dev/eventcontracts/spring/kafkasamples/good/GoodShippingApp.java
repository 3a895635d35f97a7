package dev.eventcontracts.spring.kafkasamples.good;

import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Right: ErrorHandlingDeserializer, DefaultErrorHandler with a DeadLetterPublishingRecoverer that
 * does not retry invalid orders, idempotent listener.
 */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/guarded.properties")
@PropertySource("classpath:kafkasamples/good.properties")
public class GoodShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        DefaultErrorHandler handler = SampleKafka.deadLettering(template);
        handler.addNotRetryableExceptions(IllegalArgumentException.class); // an invalid order never succeeds
        return handler;
    }

    @Bean
    ShipmentListener listener(
            KafkaTemplate<Object, Object> template,
            @Value("${spring.kafka.bootstrap-servers}/${orders.topic}") String cluster) {
        return new ShipmentListener(template, cluster, true);
    }
}
