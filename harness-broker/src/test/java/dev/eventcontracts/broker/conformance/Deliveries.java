package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A consumer that records deliveries and server-sent cancels for assertions. */
final class Deliveries extends DefaultConsumer {

    /** One recorded delivery. */
    record Delivery(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long tag() {
            return envelope.getDeliveryTag();
        }

        boolean redelivered() {
            return envelope.isRedeliver();
        }
    }

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> cancels = new LinkedBlockingQueue<>();

    Deliveries(Channel channel) {
        super(channel);
    }

    /** Starts consuming {@code queue} with manual acks and returns the recorder. */
    static Deliveries consume(Channel ch, String queue, boolean autoAck) throws Exception {
        Deliveries d = new Deliveries(ch);
        ch.basicConsume(queue, autoAck, d);
        return d;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        received.add(new Delivery(envelope, properties, body));
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancels.add(consumerTag);
    }

    /** The next delivery, failing after 5 s. */
    Delivery next() throws InterruptedException {
        Delivery d = received.poll(5, TimeUnit.SECONDS);
        assertThat(d).as("a delivery within 5 s").isNotNull();
        return d;
    }

    /** The next {@code n} deliveries. */
    List<Delivery> next(int n) throws InterruptedException {
        List<Delivery> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(next());
        }
        return all;
    }

    /** Asserts that nothing more arrives within {@code millis}. */
    void assertNothingWithin(long millis) throws InterruptedException {
        assertThat(received.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    /** The next server-sent cancel, failing after 5 s. */
    String nextCancel() throws InterruptedException {
        String tag = cancels.poll(5, TimeUnit.SECONDS);
        assertThat(tag).as("a basic.cancel within 5 s").isNotNull();
        return tag;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
