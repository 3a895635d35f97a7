package com.example.store.events;

import java.util.Map;

/**
 * Produces an event to a Kafka topic. Production code uses {@link KafkaEventPublisher}; contract
 * tests hand the consumer the harness's recording publisher through the fixture.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Produces {@code body} to {@code topic} with record key {@code key} and record headers.
     *
     * @throws java.io.UncheckedIOException when the broker cannot be reached; the caller's record
     *     is then retried
     */
    void publish(String topic, String key, Map<String, Object> headers, byte[] body);
}
