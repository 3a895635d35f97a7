package dev.eventcontracts.spring.kafkasamples;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

/** The Kafka plumbing the sample services share, as a service would write it. */
public final class SampleKafka {

    private SampleKafka() {}

    /** A template that writes strings, raw bytes (dead letters of undecodable records) and orders as JSON. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static KafkaTemplate<Object, Object> template(ProducerFactory<?, ?> boots) {
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                String.class, new StringSerializer(),
                OrderPlaced.class, new JacksonJsonSerializer<>()));
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory(boots.getConfigurationProperties(), new StringSerializer(), values));
    }

    /** The right error handler: two quick retries, then the dead-letter topic. */
    public static DefaultErrorHandler deadLettering(KafkaTemplate<Object, Object> template) {
        return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(10L, 2));
    }
}
