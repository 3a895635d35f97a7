package com.example.store.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes persistent messages on an amqp-client channel with publisher confirms: a publish
 * returns once the broker has taken responsibility for the message.
 */
public final class RabbitEventPublisher implements EventPublisher {

    private final Channel channel;
    private final Duration confirmTimeout;

    /** Uses {@code channel} (in confirm mode from now on) and waits up to {@code confirmTimeout}. */
    public RabbitEventPublisher(Channel channel, Duration confirmTimeout) throws IOException {
        this.channel = channel;
        this.confirmTimeout = confirmTimeout;
        channel.confirmSelect();
    }

    /** Declares a durable topic exchange, as every publisher of the store does for its own exchange. */
    public void declareTopicExchange(String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    @Override
    public synchronized void publish(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/avro")
                .deliveryMode(2)
                .headers(headers)
                .build();
        try {
            channel.basicPublish(exchange, routingKey, properties, body);
            channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException e) {
            throw new UncheckedIOException(
                    "Publishing to exchange '" + exchange + "' with routing key '" + routingKey + "' failed",
                    e instanceof IOException io ? io : new IOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while waiting for a publisher confirm", e));
        }
    }
}
