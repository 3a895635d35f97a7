package dev.eventcontracts.spring.kafkasamples.avro;

import dev.eventcontracts.spring.kafkasamples.SampleKafka;
import dev.eventcontracts.spring.samples.avro.ParcelWeighed;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * Right, on Avro: ErrorHandlingDeserializer around Apicurio's AvroKafkaDeserializer (specific
 * reader, the registry at {@code eventcontracts.registry.uri}), DefaultErrorHandler with a
 * DeadLetterPublishingRecoverer, a listener that records each parcel once.
 */
@SpringBootApplication
@PropertySource("classpath:kafkasamples/avro.properties")
public class AvroShippingApp {

    @Bean
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> factory) {
        return SampleKafka.template(factory);
    }

    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        return SampleKafka.deadLettering(template);
    }

    @Bean
    WeighingListener weighingListener(
            KafkaTemplate<Object, Object> template, @Value("${spring.kafka.bootstrap-servers}") String cluster) {
        return new WeighingListener(template, cluster);
    }

    /** Records each weighed parcel once and produces {@code parcels.recorded}. */
    public static class WeighingListener {
        private static final Map<String, Set<String>> DATABASE = new ConcurrentHashMap<>();
        private final KafkaTemplate<Object, Object> template;
        private final Set<String> recorded;

        WeighingListener(KafkaTemplate<Object, Object> template, String cluster) {
            this.template = template;
            this.recorded = DATABASE.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet());
        }

        @KafkaListener(topics = "parcels.weighed", groupId = "parcels.weighed.recording")
        public void onWeighed(ParcelWeighed event) {
            if (event.getParcelId().toString().isBlank() || event.getGrams() <= 0) {
                throw new IllegalArgumentException("invalid parcel " + event);
            }
            if (recorded.add(event.getParcelId().toString())) {
                template.send("parcels.recorded", event.getParcelId().toString(), "recorded " + event.getParcelId());
            }
        }
    }
}
