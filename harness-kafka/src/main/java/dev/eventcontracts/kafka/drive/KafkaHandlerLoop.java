package dev.eventcontracts.kafka.drive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Drives one plain consumer handler from a Kafka topic the way a listener container does, with
 * the policy its contract declares: our own {@link KafkaConsumer} in a consumer group, auto-commit
 * off, one record at a time; a record is retried in place up to {@code maxAttempts}, a
 * non-retryable failure or exhausted retries send it to the dead-letter topic (with {@link
 * DeadLetterHeaders}) or, without one, skip it; the offset is committed only after the record is
 * settled, so a crash before the commit redelivers it. The records behind a failed one are
 * processed (no head-of-line blocking). The foundation the Kafka scenarios (docs/kafka.md §3) are
 * built on; it is not yet driven by generated tests.
 */
public final class KafkaHandlerLoop implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final RecordHandler handler;
    private final DeliveryPolicy policy;
    private final Thread thread;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable loopFailure;
    private volatile boolean closing;

    private KafkaHandlerLoop(
            String bootstrapServers, String topic, String groupId, RecordHandler handler, DeliveryPolicy policy) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        groupId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        50),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.thread = new Thread(this::run, "event-contracts-kafka-loop-" + topic);
        this.thread.setDaemon(true);
    }

    /** Subscribes {@code groupId} to {@code topic} and starts handling records on its own thread. */
    public static KafkaHandlerLoop start(
            String bootstrapServers, String topic, String groupId, RecordHandler handler, DeliveryPolicy policy) {
        KafkaHandlerLoop loop = new KafkaHandlerLoop(bootstrapServers, topic, groupId, handler, policy);
        loop.thread.start();
        return loop;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Delivery delivery = settle(record);
                    consumer.commitSync(Map.of(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                    synchronized (deliveries) {
                        deliveries.add(delivery);
                        deliveries.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (RuntimeException | Error e) {
            loopFailure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
            synchronized (deliveries) {
                deliveries.notifyAll(); // wakes awaitSettled to report a dead loop at once
            }
        }
    }

    private Delivery settle(ConsumerRecord<byte[], byte[]> record) {
        Throwable failure = null;
        int attempts = 0;
        while (attempts < policy.maxAttempts()) {
            attempts++;
            try {
                handler.handle(record);
                return new Delivery(
                        record.topic(), record.partition(), record.offset(), attempts, Delivery.Fate.PROCESSED, null);
            } catch (Exception e) {
                failure = e;
                if (policy.isNonRetryable(e)) {
                    break;
                }
            }
        }
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        if (policy.deadLetterTopic() == null) {
            return new Delivery(
                    record.topic(), record.partition(), record.offset(), attempts, Delivery.Fate.SKIPPED, text);
        }
        try {
            producer.send(new ProducerRecord<>(
                            policy.deadLetterTopic(),
                            null,
                            record.key(),
                            record.value(),
                            DeadLetterHeaders.of(record, failure)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot send the record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " to dead-letter topic '" + policy.deadLetterTopic() + "': " + e
                            + ". Create the topic (or allow auto-creation) before the run.",
                    e);
        }
        return new Delivery(
                record.topic(), record.partition(), record.offset(), attempts, Delivery.Fate.DEAD_LETTERED, text);
    }

    /** The settled records so far, in the order they were settled. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /**
     * Waits until {@code count} records are settled.
     *
     * @throws TimeoutException fewer were settled within {@code timeout}; the message lists them
     * @throws IllegalStateException the loop died (the cause is attached)
     */
    public List<Delivery> awaitSettled(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (deliveries) {
            while (deliveries.size() < count) {
                if (loopFailure != null) {
                    throw new IllegalStateException("The Kafka handler loop on '" + topic + "' died", loopFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(deliveries.size() + " of " + count + " records on '" + topic
                            + "' were settled within " + timeout.toMillis() + " ms: " + deliveries
                            + ". The handler may hang, or the records were not produced.");
                }
                deliveries.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return List.copyOf(deliveries);
        }
    }

    /** Stops polling, leaves the group and closes the clients. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The Kafka handler loop on '" + topic + "' did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
