package dev.eventcontracts.spring.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * Publishes samples straight into the listener's queue (default exchange) on a connection of its
 * own, persistent and confirmed, so the service's own connection and publishes stay untouched.
 */
public final class SamplePublisher implements AutoCloseable {

    private final ConnectionFactory factory = new ConnectionFactory();
    private Connection connection;
    private Channel channel;

    /** A publisher to the broker at {@code amqp}. */
    public SamplePublisher(URI amqp) {
        try {
            factory.setUri(amqp);
        } catch (Exception e) {
            throw new IllegalArgumentException("eventcontracts.amqp.uri '" + amqp + "' is not an AMQP URI: " + e, e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
    }

    /** Publishes {@code m} to {@code queue} and waits for the broker's confirm. */
    public void publish(String queue, Samples.Encoded m) throws IOException, TimeoutException, InterruptedException {
        Channel ch = channel();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId(m.messageId())
                .contentType(m.contentType())
                .contentEncoding(m.contentEncoding())
                .headers(m.headers())
                .deliveryMode(2)
                .build();
        ch.basicPublish("", queue, props, m.body());
        ch.waitForConfirmsOrDie(10_000);
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen()) {
            if (connection == null || !connection.isOpen()) {
                connection = factory.newConnection("event-contracts service-mode samples");
            }
            channel = connection.createChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    @Override
    public void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2000);
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
