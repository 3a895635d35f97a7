package com.example.store.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces events with the Kafka client: idempotent producer, {@code acks=all}, each send waited
 * for, so a caller that returns normally knows the record is in the topic. Header values are
 * written as their text ({@code ec-schema-id} as decimal digits).
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    /** A publisher to the cluster at {@code bootstrapServers}, e.g. {@code kafka:9092}. */
    public KafkaEventPublisher(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(String topic, String key, Map<String, Object> headers, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((name, value) ->
                record.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("Producing to '" + topic + "' failed", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while producing to '" + topic + "'", e));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
