package dev.eventcontracts.junit.internal.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A listener container over amqp-client, like the one a service runs in: consumes a queue with
 * manual acks, hands each delivery to a {@link Processor} on its own worker thread, acks on
 * success, rejects non-retryable failures, and requeues retryable failures until
 * {@code maxAttempts} deliveries (0: forever), then rejects. Rejected messages reach the
 * dead-letter queue when the queue has one.
 *
 * <p>Scenarios steer acks through an {@link AckPolicy}: lose an ack (the channel closes after
 * processing, as when a process dies) or hold it back until {@link #restartChannel()}.
 */
public final class ListenerContainer implements AutoCloseable {

    /** Processes one delivery; returning normally means success. */
    @FunctionalInterface
    public interface Processor {
        /** Handles the delivery; any exception is a failure classified by the container. */
        void process(Incoming incoming) throws Exception;
    }

    /** Decides what happens after the handler succeeded. */
    @FunctionalInterface
    public interface AckPolicy {
        /** Ack normally unless a scenario says otherwise. */
        AckPolicy ACK = incoming -> AckAction.ACK;

        /** The action for a successfully processed delivery. */
        AckAction afterSuccess(Incoming incoming);
    }

    /** What to do after a successful handler call. */
    public enum AckAction {
        /** Ack the delivery. */
        ACK,
        /** Close the channel without acking, then consume again on a new channel. */
        LOSE_ACK,
        /** Leave the delivery unacked until the channel restarts. */
        HOLD
    }

    /**
     * A delivery as the processor sees it.
     *
     * @param instance the consumer instance number
     * @param attempt the attempt number of this message id (1-based)
     * @param envelope the envelope
     * @param properties the properties
     * @param body the body
     */
    public record Incoming(int instance, int attempt, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        /** The message id property. */
        public String messageId() {
            return properties.getMessageId();
        }
    }

    private record Item(
            long generation, Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {}

    private final Connection connection;
    private final String queue;
    private final int instance;
    private final int prefetch;
    private final int maxAttempts;
    private final Predicate<Throwable> nonRetryable;
    private final Processor processor;
    private final AckPolicy ackPolicy;
    private final Journal journal;
    private final BlockingQueue<Item> inbox = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile Channel channel;
    private volatile long generation;

    /** Creates a stopped container; call {@link #start()}. */
    public ListenerContainer(
            Connection connection,
            String queue,
            int instance,
            int prefetch,
            int maxAttempts,
            Predicate<Throwable> nonRetryable,
            Processor processor,
            AckPolicy ackPolicy,
            Journal journal) {
        this.connection = connection;
        this.queue = queue;
        this.instance = instance;
        this.prefetch = prefetch;
        this.maxAttempts = maxAttempts;
        this.nonRetryable = nonRetryable;
        this.processor = processor;
        this.ackPolicy = ackPolicy;
        this.journal = journal;
        this.worker = new Thread(this::work, "ec-listener-" + queue + "-" + instance);
        this.worker.setDaemon(true);
    }

    /** Opens a channel and starts consuming. */
    public ListenerContainer start() {
        openChannel();
        worker.start();
        return this;
    }

    /** Closes the channel, so the broker requeues every unacked delivery, and consumes again. */
    public synchronized void restartChannel() {
        Channel old = channel;
        generation++;
        closeQuietly(old);
        openChannel();
    }

    private synchronized void openChannel() {
        try {
            Channel ch = connection.createChannel();
            ch.basicQos(prefetch);
            long gen = generation;
            channel = ch;
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(
                        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    inbox.add(new Item(gen, ch, envelope, properties, body));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot consume queue '" + queue + "': " + e.getMessage(), e);
        }
    }

    private void work() {
        while (running) {
            Item item;
            try {
                item = inbox.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null || item.generation != generation) {
                continue; // deliveries of a closed channel are requeued by the broker
            }
            try {
                handle(item);
            } catch (IOException | RuntimeException e) {
                // the channel closed under the delivery: the broker requeues it and redelivers
            }
        }
    }

    private void handle(Item item) throws IOException {
        String messageId = item.properties.getMessageId();
        int attempt = journal.nextAttempt(messageId);
        Incoming incoming = new Incoming(instance, attempt, item.envelope, item.properties, item.body);
        long tag = item.envelope.getDeliveryTag();
        boolean redelivered = item.envelope.isRedeliver();
        Throwable failure = null;
        try {
            processor.process(incoming);
        } catch (Exception | Error e) {
            failure = e;
        }
        Channel ch = item.channel;
        Journal.Outcome outcome;
        if (failure == null) {
            AckAction action = ackPolicy.afterSuccess(incoming);
            if (action == AckAction.LOSE_ACK) {
                journal.record(new Journal.Delivery(
                        messageId, instance, attempt, redelivered, Journal.Outcome.ACK_LOST, null));
                restartChannel();
                return;
            }
            if (action == AckAction.HOLD) {
                outcome = Journal.Outcome.HELD;
            } else {
                ch.basicAck(tag, false);
                outcome = Journal.Outcome.ACKED;
            }
        } else if (nonRetryable.test(failure) || (maxAttempts > 0 && attempt >= maxAttempts)) {
            ch.basicReject(tag, false);
            outcome = Journal.Outcome.REJECTED;
        } else {
            ch.basicReject(tag, true);
            outcome = Journal.Outcome.REQUEUED;
        }
        journal.record(new Journal.Delivery(messageId, instance, attempt, redelivered, outcome, failure));
    }

    /** Stops consuming and closes the channel; unacked deliveries go back to the queue. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(Channel ch) {
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                // already closing: the broker requeues its deliveries either way
            }
        }
    }
}
