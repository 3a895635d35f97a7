package com.example.store.events;

import java.util.Map;

/**
 * Publishes an event to the broker. Production code uses {@link RabbitEventPublisher}; contract
 * tests hand the consumer the harness's recording publisher through the fixture.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes {@code body} to {@code exchange} with {@code routingKey} and message headers.
     *
     * @throws java.io.UncheckedIOException when the broker cannot be reached; the caller's message
     *     is then retried
     */
    void publish(String exchange, String routingKey, Map<String, Object> headers, byte[] body);
}
