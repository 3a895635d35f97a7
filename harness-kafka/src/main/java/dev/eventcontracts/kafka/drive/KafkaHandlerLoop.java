package dev.eventcontracts.kafka.drive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
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
 * processed (no head-of-line blocking). The Kafka contract scenarios (docs/kafka.md) drive plain
 * consumers through it, and steer commits with {@link Builder#commits} to lose them the ways Kafka
 * does.
 */
public final class KafkaHandlerLoop implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final RecordHandler handler;
    private final DeliveryPolicy policy;
    private final Function<Delivery, CommitAction> commits;
    private final Thread thread;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable loopFailure;
    private volatile boolean closing;
    private volatile boolean crashed;
    private volatile int commitFailures;

    private KafkaHandlerLoop(Builder b) {
        this.topic = b.topic;
        this.handler = b.handler;
        this.policy = b.policy;
        this.commits = b.commits;
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, b.groupId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        settings.putAll(b.settings);
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.thread = new Thread(this::run, "event-contracts-kafka-loop-" + b.name);
        this.thread.setDaemon(true);
    }

    /** Subscribes {@code groupId} to {@code topic} and starts handling records on its own thread. */
    public static KafkaHandlerLoop start(
            String bootstrapServers, String topic, String groupId, RecordHandler handler, DeliveryPolicy policy) {
        return builder(bootstrapServers, topic, groupId, handler, policy).start();
    }

    /** A loop to configure before {@link Builder#start()}. */
    public static Builder builder(
            String bootstrapServers, String topic, String groupId, RecordHandler handler, DeliveryPolicy policy) {
        return new Builder(bootstrapServers, topic, groupId, handler, policy);
    }

    /** Configures a {@link KafkaHandlerLoop}: consumer settings, what happens to commits, a name. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String topic;
        private final String groupId;
        private final RecordHandler handler;
        private final DeliveryPolicy policy;
        private final Map<String, Object> settings = new HashMap<>();
        private Function<Delivery, CommitAction> commits = d -> CommitAction.COMMIT;
        private String name;

        private Builder(
                String bootstrapServers, String topic, String groupId, RecordHandler handler, DeliveryPolicy policy) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            this.handler = Objects.requireNonNull(handler, "handler");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.name = topic;
        }

        /** A consumer setting, e.g. {@code max.poll.interval.ms}; overrides the loop's own. */
        public Builder setting(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        /** Decides per settled record whether its offset is committed (the default), held or lost in a crash. */
        public Builder commits(Function<Delivery, CommitAction> commits) {
            this.commits = Objects.requireNonNull(commits, "commits");
            return this;
        }

        /** The name in the loop thread's name, e.g. the consumer instance. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Subscribes and starts handling records on the loop's own thread. */
        public KafkaHandlerLoop start() {
            KafkaHandlerLoop loop = new KafkaHandlerLoop(this);
            loop.thread.start();
            return loop;
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Delivery delivery = settle(record);
                    if (delivery == null) {
                        break; // closed while retrying: stop without settling, like a process exit
                    }
                    CommitAction action = commits.apply(delivery);
                    if (action == CommitAction.COMMIT) {
                        commit(record);
                    }
                    synchronized (deliveries) {
                        deliveries.add(delivery);
                        deliveries.notifyAll();
                    }
                    if (action == CommitAction.CRASH) {
                        crashed = true;
                        closing = true;
                    }
                    if (closing) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (RuntimeException | Error e) {
            loopFailure = e;
        } finally {
            // a crash leaves without committing: close() commits nothing with auto-commit off
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
            synchronized (deliveries) {
                deliveries.notifyAll(); // wakes awaitSettled to report a dead loop at once
            }
        }
    }

    /**
     * Commits the offset after {@code record}. An instance that lost its partitions while it was
     * handling the record (it overran {@code max.poll.interval.ms}) cannot: Kafka refuses the
     * commit, the record belongs to the partition's new owner, and the loop carries on (it rejoins
     * the group on its next poll), as a listener container does.
     */
    private void commit(ConsumerRecord<byte[], byte[]> record) {
        try {
            consumer.commitSync(Map.of(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            commitFailures++;
        }
    }

    private Delivery settle(ConsumerRecord<byte[], byte[]> record) {
        Throwable failure = null;
        int attempts = 0;
        while (attempts < policy.maxAttempts()) {
            if (closing && attempts > 0) {
                return null;
            }
            attempts++;
            try {
                handler.handle(record, attempts);
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

    /** True once a {@link CommitAction#CRASH} stopped the loop. */
    public boolean crashed() {
        return crashed;
    }

    /** Commits Kafka refused because the instance had lost the record's partition. */
    public int commitFailures() {
        return commitFailures;
    }

    /** Waits until the loop's thread has ended (after a crash or close), at most {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
