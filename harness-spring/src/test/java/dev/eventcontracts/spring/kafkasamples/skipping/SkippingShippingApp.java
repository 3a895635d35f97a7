package dev.eventcontracts.spring.kafkasamples.skipping;

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
import org.springframework.util.backoff.FixedBackOff;

/** Wrong: a DefaultErrorHandler without a recoverer logs and skips failed records. */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/guarded.properties")
@PropertySource("classpath:kafkasamples/skipping.properties")
public class SkippingShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    CommonErrorHandler errorHandler() {
        return new DefaultErrorHandler(new FixedBackOff(10L, 2));
    }

    @Bean
    ShipmentListener listener(
            KafkaTemplate<Object, Object> template,
            @Value("${spring.kafka.bootstrap-servers}/${orders.topic}") String cluster) {
        return new ShipmentListener(template, cluster, true);
    }
}
