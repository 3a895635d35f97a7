package dev.eventcontracts.spring.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every topic of the cluster (a consumer of its own that never commits), so the verdicts
 * can say where each sample record ended — the listener's topic, a retry topic, a dead-letter
 * topic — and which records the service produced (its effects). Also tells when the service has
 * settled: every consumer group's committed offsets at the end of its partitions, and nothing new
 * seen for a quiet period (docs/kafka.md, service mode).
 */
final class TopicObserver implements AutoCloseable {

    /** Header carrying a sample's id, so copies of it (dead letters, retries) can be told. */
    static final String SAMPLE_HEADER = "event-contracts-sample-id";

    private static final long QUIET_MILLIS = 300;

    private static final Pattern TOPICS = Pattern.compile("^(?!__|_schemas).*");

    /** One record seen on the cluster, in the order the observer saw it. */
    record Seen(
            long seq, String topic, int partition, long offset, String key, byte[] value, Map<String, byte[]> headers) {
        String sampleId() {
            byte[] id = headers.get(SAMPLE_HEADER);
            return id == null ? null : new String(id, StandardCharsets.UTF_8);
        }

        String header(String name) {
            byte[] v = headers.get(name);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }

        /**
         * True when this is a copy Spring made of a record — a dead letter or a retry — marked with
         * the origin headers of one of {@link OriginHeaders}.
         */
        boolean isCopy() {
            return origin() != null;
        }

        /**
         * The origin headers this copy carries: the first of {@link OriginHeaders} whose topic
         * header is present, or null when it is not a copy Spring made.
         */
        OriginHeaders origin() {
            for (OriginHeaders o : OriginHeaders.values()) {
                if (headers.containsKey(o.topic())) {
                    return o;
                }
            }
            return null;
        }

        /** True when this is a copy of the record at {@code topic}-{@code partition}@{@code offset}. */
        boolean isCopyOf(String sampleId, String topic, int partition, long offset) {
            if (sampleId.equals(sampleId())) {
                return true;
            }
            OriginHeaders o = origin();
            return o != null && o.originProblems(this, topic, partition, offset).isEmpty();
        }

        String body() {
            return value == null ? "null" : new String(value, StandardCharsets.UTF_8);
        }
    }

    private final Admin admin;
    private final String ownGroup = "event-contracts-observer-" + UUID.randomUUID();
    private final List<Seen> seen = new ArrayList<>();
    private final Map<TopicPartition, Long> highest = new HashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean caughtUp;
    /** Where the observer's consumer is on each partition it has read (after the records it handed over). */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile long lastChange = System.nanoTime();
    private volatile boolean running = true;

    TopicObserver(String bootstrap, Admin admin) {
        this.admin = admin;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ownGroup);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 250);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(TOPICS);
        thread = new Thread(this::loop, "event-contracts-kafka-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    throw e;
                } catch (org.apache.kafka.common.KafkaException e) {
                    // a timeout of a metadata or offsets request on a loaded machine: the observer must
                    // not die of it, or every later copy would go unseen and be judged lost
                    caughtUp = false;
                    sleep(50);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** One poll: hands the new records over, then tells whether every topic is read to its end. */
    private void step() {
        var records = consumer.poll(Duration.ofMillis(50));
        if (!records.isEmpty()) {
            synchronized (seen) {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    // a rebalance (a new topic matched the pattern) starts again at the earliest offset
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() <= highest.getOrDefault(tp, -1L)) {
                        continue;
                    }
                    highest.put(tp, r.offset());
                    Map<String, byte[]> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value());
                    }
                    seen.add(new Seen(
                            seen.size(),
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            r.value(),
                            headers));
                }
            }
            lastChange = System.nanoTime();
        }
        var assignment = consumer.assignment();
        if (assignment.isEmpty() || !coversEveryTopic(assignment)) {
            caughtUp = false;
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
        boolean behind = false;
        for (var e : ends.entrySet()) {
            long position = consumer.position(e.getKey());
            positions.put(e.getKey(), position);
            if (position < e.getValue()) {
                behind = true;
            }
        }
        caughtUp = !behind;
    }

    /** True when every topic of the cluster (the pattern's) is assigned: new topics are found by a rebalance. */
    private boolean coversEveryTopic(java.util.Set<TopicPartition> assignment) {
        java.util.Set<String> assigned = new java.util.HashSet<>();
        assignment.forEach(tp -> assigned.add(tp.topic()));
        for (String topic : consumer.listTopics(Duration.ofSeconds(2)).keySet()) {
            if (TOPICS.matcher(topic).matches() && !assigned.contains(topic)) {
                return false;
            }
        }
        return true;
    }

    /** A position in what was seen. */
    int mark() {
        synchronized (seen) {
            return seen.size();
        }
    }

    /** Everything seen since {@code mark}. */
    List<Seen> since(int mark) {
        synchronized (seen) {
            return List.copyOf(seen.subList(Math.min(mark, seen.size()), seen.size()));
        }
    }

    /**
     * Waits until every consumer group (but the observer's) has committed to the end of its
     * partitions, the observer has read to the end, and nothing new arrived for a quiet period.
     *
     * @return false when that did not happen within {@code timeout}
     */
    boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = 0;
        while (System.nanoTime() < deadline) {
            boolean settled = caughtUp && lagOfGroups().isEmpty();
            long now = System.nanoTime();
            if (settled && now - lastChange > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                if (quietSince == 0) {
                    quietSince = now;
                } else if (now - quietSince > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                    return true;
                }
            } else {
                quietSince = 0;
            }
            sleep(50);
        }
        return false;
    }

    /**
     * Waits until the observer has read every topic of the cluster up to the end it has now — also
     * a topic created a moment ago (a dead-letter topic the recoverer just created), which the
     * observer only reads after its next rebalance. A record written before this call is then in
     * {@link #since} if it is anywhere (docs/kafka.md §5.2).
     *
     * @return the partitions not read to their end within {@code timeout}, with the end (empty when
     *     read)
     */
    Map<TopicPartition, Long> awaitRead(Duration timeout) {
        Map<TopicPartition, Long> ends;
        try {
            List<String> topics = new ArrayList<>();
            for (String t : admin.listTopics().names().get(5, TimeUnit.SECONDS)) {
                if (TOPICS.matcher(t).matches()) {
                    topics.add(t);
                }
            }
            java.util.Set<TopicPartition> partitions = new java.util.HashSet<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .forEach((name, d) ->
                            d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            ends = partitions.isEmpty() ? Map.of() : offsets(partitions, OffsetSpec.latest());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Map.of(new TopicPartition("(admin: " + e + ")", -1), -1L);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> unread = new HashMap<>();
            ends.forEach((tp, end) -> {
                if (end > 0 && positions.getOrDefault(tp, 0L) < end) {
                    unread.put(tp, end);
                }
            });
            if (unread.isEmpty() || System.nanoTime() > deadline) {
                return unread;
            }
            sleep(20);
        }
    }

    /**
     * Partitions whose group has not committed to their end, with the committed offset (-1 when the
     * group never committed there). A partition assigned to a member but never committed counts
     * when it holds records: a container that has not yet committed its first record — or is stuck
     * on it, retrying or failing in {@code poll()} — has not settled (docs/kafka.md §5.2).
     */
    Map<String, Long> lagOfGroups() {
        Map<String, Long> lagging = new HashMap<>();
        try {
            List<String> groups = new ArrayList<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                if (!g.groupId().startsWith("event-contracts-observer-")) {
                    groups.add(g.groupId());
                }
            }
            // only groups with members: a stopped service (an earlier test class on the same broker) is not waited for
            Map<String, java.util.Set<TopicPartition>> active = new HashMap<>();
            if (!groups.isEmpty()) {
                admin.describeConsumerGroups(groups)
                        .all()
                        .get(5, TimeUnit.SECONDS)
                        .forEach((id, d) -> {
                            if (!d.members().isEmpty()) {
                                java.util.Set<TopicPartition> assigned = new java.util.HashSet<>();
                                d.members()
                                        .forEach(m ->
                                                assigned.addAll(m.assignment().topicPartitions()));
                                active.put(id, assigned);
                            }
                        });
            }
            for (var group : active.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS);
                java.util.Set<TopicPartition> partitions = new java.util.HashSet<>(group.getValue());
                committed.forEach((tp, o) -> {
                    if (o != null) {
                        partitions.add(tp);
                    }
                });
                if (partitions.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata c = committed.get(tp);
                    long at = c == null ? starts.get(tp) : c.offset();
                    if (at < ends.get(tp)) {
                        lagging.put(group.getKey() + "@" + tp, c == null ? -1L : c.offset());
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lagging.put("(admin: " + e + ")", -1L);
        }
        return lagging;
    }

    private Map<TopicPartition, Long> offsets(java.util.Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** The offset {@code group} committed on {@code partition}, or -1. */
    long committed(String group, TopicPartition partition) {
        try {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS)
                    .get(partition);
            return o == null ? -1 : o.offset();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    static void sleep(long millis) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
