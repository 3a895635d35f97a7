package dev.eventcontracts.spring.kafkasamples.unguarded;

import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/** Wrong: JacksonJsonDeserializer without ErrorHandlingDeserializer: a poison pill fails in poll(). */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/unguarded.properties")
@PropertySource("classpath:kafkasamples/unguarded-topic.properties")
public class UnguardedShippingApp {

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
        return new ShipmentListener(template, cluster, true);
    }
}
