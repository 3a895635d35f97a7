package dev.eventcontracts.junit.internal.amqp;

import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What happened during one scenario run: every delivery with its outcome and every message that
 * reached the dead-letter queue. Threads that record events wake threads waiting on a condition,
 * so scenarios wait on conditions with a deadline, never on sleeps.
 */
public final class Journal {

    /** What the listener container did with one delivery. */
    public enum Outcome {
        /** The handler returned and the delivery was acked. */
        ACKED,
        /** The delivery was rejected without requeue: dead-lettered, or dropped without a DLQ. */
        REJECTED,
        /** The delivery was rejected with requeue for another attempt. */
        REQUEUED,
        /** The handler returned but the ack was lost: the channel closed before acking. */
        ACK_LOST,
        /** The handler returned and the ack is held back by the scenario. */
        HELD
    }

    /**
     * One delivery.
     *
     * @param messageId the message id property
     * @param instance which consumer instance received it (1-based)
     * @param attempt the attempt number for this message id across all instances (1-based)
     * @param redelivered the broker's redelivered flag
     * @param outcome what the container did
     * @param failure what the handler threw, or null
     */
    public record Delivery(
            String messageId, int instance, int attempt, boolean redelivered, Outcome outcome, Throwable failure) {}

    /**
     * A message found in the dead-letter queue.
     *
     * @param body the body
     * @param properties the properties, including {@code x-death}
     */
    public record DeadLetter(byte[] body, AMQP.BasicProperties properties) {
        /** The message id property. */
        public String messageId() {
            return properties.getMessageId();
        }
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private long lastEventNanos = System.nanoTime();

    /** Counts and returns the next attempt number for {@code messageId}. */
    public synchronized int nextAttempt(String messageId) {
        return attempts.merge(String.valueOf(messageId), 1, Integer::sum);
    }

    /** Records a delivery and wakes waiters. */
    public synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
        lastEventNanos = System.nanoTime();
        notifyAll();
    }

    /** Records a dead letter and wakes waiters. */
    public synchronized void record(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
        lastEventNanos = System.nanoTime();
        notifyAll();
    }

    /** A copy of all deliveries so far. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Deliveries of {@code messageId} so far. */
    public synchronized List<Delivery> deliveries(String messageId) {
        return deliveries.stream().filter(d -> messageId.equals(d.messageId())).toList();
    }

    /** A copy of all dead letters so far. */
    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Number of deliveries matching {@code filter}. */
    public synchronized long count(Predicate<Delivery> filter) {
        return deliveries.stream().filter(filter).count();
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passes; re-evaluated whenever an event
     * is recorded.
     *
     * @return whether the condition holds
     */
    public synchronized boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** Nanoseconds ({@link System#nanoTime()}) since the last delivery or dead letter was recorded. */
    public synchronized long nanosSinceLastEvent() {
        return System.nanoTime() - lastEventNanos;
    }
}
