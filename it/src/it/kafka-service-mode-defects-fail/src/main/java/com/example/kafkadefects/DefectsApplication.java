package com.example.kafkadefects;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The default container factory (Spring Boot's) dead-letters with a DeadLetterPublishingRecoverer
 * behind an ErrorHandlingDeserializer (application.yml); {@code skippingFactory} has a
 * DefaultErrorHandler without recoverer; {@code unguardedFactory} reads with JacksonJsonDeserializer
 * directly.
 */
@SpringBootApplication
public class DefectsApplication {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> boots) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>());
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory(
                boots.getConfigurationProperties(), new StringSerializer(), new DelegatingByTypeSerializer(byType, true)));
    }

    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> kafkaTemplate) {
        return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafkaTemplate), new FixedBackOff(10L, 2));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> skippingFactory(ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> f = new ConcurrentKafkaListenerContainerFactory<>();
        f.setConsumerFactory(consumers);
        f.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(10L, 2)));
        return f;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> unguardedFactory(
            ConsumerFactory<Object, Object> consumers, KafkaTemplate<Object, Object> kafkaTemplate) {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, JacksonJsonDeserializer.class);
        ConcurrentKafkaListenerContainerFactory<Object, Object> f = new ConcurrentKafkaListenerContainerFactory<>();
        f.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        f.setCommonErrorHandler(
                new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafkaTemplate), new FixedBackOff(10L, 2)));
        return f;
    }
}
