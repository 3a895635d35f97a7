package ${package};

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The topics this service reads and writes, and what happens to a record it cannot process: two
 * retries in place (blocking, so records of one key stay in order), then the dead-letter topic
 * {@code orders.placed-dlt} with the original record and Spring's {@code kafka_dlt-*} headers. Values
 * that cannot be read at all reach the error handler through the ErrorHandlingDeserializer
 * configured in application.yml.
 */
@Configuration
public class KafkaConfig {

    public static final String TOPIC = "orders.placed";
    public static final String DEAD_LETTER_TOPIC = TOPIC + "-dlt";
    public static final String STOCK_RESERVED = "stock.reserved";

    @Bean
    NewTopic ordersPlaced() {
        return TopicBuilder.name(TOPIC).partitions(1).build();
    }

    @Bean
    NewTopic ordersPlacedDeadLetters() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).build();
    }

    @Bean
    NewTopic stockReserved() {
        return TopicBuilder.name(STOCK_RESERVED).partitions(1).build();
    }

    /** Writes events as JSON, and dead letters of unreadable records as the bytes they arrived as. */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<?, ?> boots) {
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>());
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(byType, true);
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory(boots.getConfigurationProperties(), new StringSerializer(), values));
    }

    /** Spring Boot sets this on its listener container factory. */
    @Bean
    CommonErrorHandler errorHandler(KafkaTemplate<Object, Object> kafkaTemplate) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafkaTemplate), new FixedBackOff(200L, 2));
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }
}
