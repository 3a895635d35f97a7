package dev.eventcontracts.junit.internal.effects;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.internal.amqp.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The publisher a consumer under test gets: publishes to the broker under the run's exchange names
 * with publisher confirms, and records each message once the broker confirmed it. Before each
 * publish it asks a fault hook whether to fail, which is how scenarios inject transient failures.
 */
public final class RecordingPublisher implements ContractContext.Publisher, AutoCloseable {

    private final Channel channel;
    private final Topology topology;
    private final Normalizer normalizer;
    private final Supplier<RuntimeException> faults;
    private final List<Effects.Message> recorded = new ArrayList<>();

    /**
     * @param faults returns the exception to throw instead of publishing, or null
     */
    public RecordingPublisher(
            Connection connection, Topology topology, Normalizer normalizer, Supplier<RuntimeException> faults)
            throws IOException {
        this.channel = connection.createChannel();
        this.channel.confirmSelect();
        this.topology = topology;
        this.normalizer = normalizer;
        this.faults = faults;
    }

    @Override
    public void publish(String exchange, String routingKey, byte[] body) {
        publish(exchange, routingKey, Map.of(), body);
    }

    @Override
    public void publish(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {
        RuntimeException fault = faults.get();
        if (fault != null) {
            throw fault;
        }
        String runExchange = topology.effectExchange(exchange);
        synchronized (this) {
            try {
                topology.declareEffectExchange(channel, runExchange);
                AMQP.BasicProperties props =
                        new AMQP.BasicProperties.Builder().headers(headers).build();
                channel.basicPublish(runExchange, topology.effectRoutingKey(exchange, routingKey), props, body);
                channel.waitForConfirmsOrDie(5_000);
            } catch (IOException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new UncheckedIOException(
                        "Publishing to exchange '" + exchange + "' failed: " + e.getMessage(),
                        e instanceof IOException io ? io : new IOException(e));
            }
            recorded.add(new Effects.Message(exchange, routingKey, normalizer.body(body)));
        }
    }

    /** The messages published so far. */
    public synchronized List<Effects.Message> recorded() {
        return List.copyOf(recorded);
    }

    /** The channel, for deleting the run's exchanges. */
    public Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // closing a channel of a finished run
        }
    }
}
