package dev.eventcontracts.junit.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.json.JsonDocuments;
import dev.eventcontracts.kafka.drive.CommitAction;
import dev.eventcontracts.kafka.drive.Delivery;
import dev.eventcontracts.kafka.drive.DeliveryPolicy;
import dev.eventcontracts.kafka.drive.KafkaHandlerLoop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One Kafka scenario run: its own topic and dead-letter topic under run-unique names, a fresh
 * fixture (the service's durable state), a recording publisher, the consumer instances (each a
 * {@link KafkaHandlerLoop} in one consumer group), and a reader of the dead-letter topic. Closing
 * it stops the instances; the session deletes the topics.
 */
final class KafkaRun implements AutoCloseable {

    /** Header naming the record for the scenario (its sample label, e.g. {@code m-1}); the consumer never needs it. */
    static final String LABEL_HEADER = "ec-record";

    /**
     * One handler call.
     *
     * @param label the record's label
     * @param partition its partition
     * @param offset its offset
     * @param instance the consumer instance, 1-based
     * @param attempt the attempt in that instance
     * @param failure what the handler threw, or null
     */
    record Attempt(String label, int partition, long offset, int instance, int attempt, Throwable failure) {}

    /**
     * A record in the dead-letter topic.
     *
     * @param record the record
     * @param label the label header it kept
     */
    record DeadLetter(ConsumerRecord<byte[], byte[]> record, String label) {}

    /**
     * A record the scenario produced.
     *
     * @param label its label
     * @param sample what it carries
     * @param partition where it went
     * @param offset its offset
     * @param key its key, or null
     */
    record Produced(String label, Sample sample, int partition, long offset, byte[] key) {}

    private final KafkaContractSession session;
    private final ConsumerContract contract;
    private final String topic;
    private final String deadLetterTopic;
    private final String group;
    private final Object fixture;
    private final JsonNode initialState;
    private final List<Effects.Message> published = new ArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Produced> produced = new CopyOnWriteArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<AutoCloseable> consumers = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultPointCalls = new AtomicInteger();
    private final Object changed = new Object();
    private volatile FaultPlan faults = FaultPlan.none();
    private volatile CyclicBarrier barrier;
    private KafkaConsumer<byte[], byte[]> deadLetterReader;
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    /** A consumer instance: its number, its loop. */
    record Instance(int number, KafkaHandlerLoop loop) {}

    KafkaRun(KafkaContractSession session, String runName, int partitions) {
        this.session = session;
        this.contract = session.contract();
        this.topic = session.topics().create(contract.topic() + "." + runName, partitions);
        this.deadLetterTopic = contract.hasDeadLetterQueue()
                ? session.topics().create(contract.deadLetterQueue() + "." + runName, 1)
                : null;
        this.group = "ec-" + contract.consumerClass().getSimpleName() + "-" + topic;
        session.groupCreated(group);
        session.http().reset();
        this.fixture = session.newFixture();
        this.initialState = session.normalizer().state(state());
    }

    String topic() {
        return topic;
    }

    String group() {
        return group;
    }

    JsonNode initialState() {
        return initialState;
    }

    void injectTransient(FaultPlan plan) {
        this.faults = plan;
    }

    /** Makes the next handler calls wait for each other in pairs (two instances handling one record at once). */
    void pairUp() {
        this.barrier = new CyclicBarrier(2);
    }

    /** Produces {@code sample} as record {@code label}: key from the payload (orderedBy, else idempotencyKey). */
    Produced produce(Sample sample, String label) throws Exception {
        return produce(sample, label, null, null, Map.of());
    }

    /**
     * Produces {@code sample} as record {@code label}.
     *
     * @param partition the partition, or null for the key's
     * @param key the key, or null for the payload's
     * @param extraHeaders headers besides the schema id and label
     */
    Produced produce(Sample sample, String label, Integer partition, byte[] key, Map<String, String> extraHeaders)
            throws Exception {
        byte[] recordKey = key != null ? key : keyOf(sample);
        // with the Confluent wire format the schema id is in the value, not a header
        Sample sent = session.framing() == null ? sample : session.framing().frame(sample);
        RecordHeaders headers = new RecordHeaders();
        if (sent.schemaId() != null) {
            headers.add(AvroCodec.SCHEMA_ID_HEADER, sent.schemaId().toString().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(LABEL_HEADER, label.getBytes(StandardCharsets.UTF_8));
        extraHeaders.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        RecordMetadata meta = session.producer()
                .send(new ProducerRecord<>(topic, partition, recordKey, sent.body(), headers))
                .get(30, TimeUnit.SECONDS);
        Produced p = new Produced(label, sent, meta.partition(), meta.offset(), recordKey);
        produced.add(p);
        return p;
    }

    /** The payload's orderedBy (else idempotencyKey) value as the record key; null when the body does not decode. */
    private byte[] keyOf(Sample sample) {
        String path = !contract.orderedBy().isEmpty() ? contract.orderedBy() : contract.idempotencyKey();
        if (path.isEmpty()) {
            return null;
        }
        if (contract.payloadFormat() != dev.eventcontracts.junit.PayloadFormat.AVRO) {
            // JSON (and raw bodies that are JSON objects): the value at the path; none when it does not parse
            return JsonDocuments.valueAt(sample.body(), path)
                    .map(v -> v.getBytes(StandardCharsets.UTF_8))
                    .orElse(null);
        }
        try {
            Object value = session.codec().decode(sample.body(), sample.schemaId(), GenericRecord.class);
            for (String part : path.split("\\.")) {
                if (!(value instanceof GenericRecord r) || r.getSchema().getField(part) == null) {
                    return null;
                }
                value = r.get(part);
            }
            return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return null; // poison: no key, as a producer of garbage would send it
        }
    }

    List<Produced> produced() {
        return List.copyOf(produced);
    }

    /** Starts consumer instance {@code number} (a process start: a new consumer from the run's fixture). */
    Instance start(int number, Function<Delivery, CommitAction> commits, Map<String, Object> settings) {
        Object consumer = newConsumer();
        List<Class<? extends Throwable>> nonRetryable = new ArrayList<>(contract.nonRetryable());
        nonRetryable.add(dev.eventcontracts.junit.internal.codec.UndecodableMessageException.class);
        DeliveryPolicy policy = new DeliveryPolicy(contract.maxAttempts(), nonRetryable, deadLetterTopic);
        KafkaHandlerLoop.Builder builder = KafkaHandlerLoop.builder(
                        session.cluster().bootstrapServers(),
                        topic,
                        group,
                        (record, attempt) -> handle(consumer, number, record, attempt),
                        policy)
                .name(topic + "-" + number)
                .commits(commits)
                .setting(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 200)
                .setting(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())
                .setting(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + number);
        settings.forEach(builder::setting);
        Instance instance = new Instance(number, builder.start());
        instances.add(instance);
        return instance;
    }

    Instance start(int number) {
        return start(number, d -> CommitAction.COMMIT, Map.of());
    }

    private void handle(Object consumer, int instance, ConsumerRecord<byte[], byte[]> record, int attempt)
            throws Exception {
        String label = label(record);
        Throwable failure = null;
        awaitPartner();
        faults.enter(new FaultPlan.Attempt(label, attempt));
        try {
            session.invoker().invoke(consumer, record);
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            faults.exit();
            attempts.add(new Attempt(label, record.partition(), record.offset(), instance, attempt, failure));
            signal();
        }
    }

    private void awaitPartner() {
        CyclicBarrier b = barrier;
        if (b != null) {
            try {
                b.await(session.options().settleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BrokenBarrierException | TimeoutException e) {
                barrier = new CyclicBarrier(2);
            }
        }
    }

    static String label(ConsumerRecord<byte[], byte[]> record) {
        var header = record.headers().lastHeader(LABEL_HEADER);
        return header == null
                ? record.partition() + "@" + record.offset()
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Object newConsumer() {
        Object consumer;
        if (fixture instanceof ConsumerFixture<?> f) {
            consumer = f.create(context());
        } else {
            try {
                consumer = contract.consumerClass().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "Cannot build '" + contract.consumerClass().getName() + "' with a public no-arg constructor ("
                                + e + "). Write a ConsumerFixture for it.",
                        e);
            }
        }
        if (consumer instanceof AutoCloseable c) {
            consumers.add(c);
        }
        return consumer;
    }

    private ContractContext context() {
        URI http = session.http().baseUri();
        return new ContractContext() {
            @Override
            public Publisher publisher() {
                return new Publisher() {
                    @Override
                    public void publish(String exchange, String routingKey, byte[] body) {
                        publish(exchange, routingKey, Map.of(), body);
                    }

                    @Override
                    public void publish(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {
                        RuntimeException fault = faults.beforePublish();
                        if (fault != null) {
                            throw fault;
                        }
                        // sent to Kafka, and recorded as the effect the scenarios compare
                        session.sendPublished(exchange, routingKey, headers, body);
                        synchronized (published) {
                            published.add(new Effects.Message(
                                    exchange, routingKey, session.normalizer().body(body)));
                        }
                    }
                };
            }

            @Override
            public URI httpBaseUri() {
                return http;
            }

            @Override
            public FaultPoint faultPoint() {
                return operation -> {
                    faultPointCalls.incrementAndGet();
                    RuntimeException fault = faults.atFaultPoint(operation);
                    if (fault != null) {
                        throw fault;
                    }
                };
            }
        };
    }

    Object state() {
        return fixture instanceof ConsumerFixture<?> f ? f.state() : null;
    }

    /** Every handler call so far. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The settled records of every instance, instance by instance. */
    List<Delivery> deliveries() {
        List<Delivery> all = new ArrayList<>();
        for (Instance i : instances) {
            all.addAll(i.loop().deliveries());
        }
        return all;
    }

    /** The settled records with the instance that settled them. */
    Map<Delivery, Integer> deliveriesByInstance() {
        Map<Delivery, Integer> out = new java.util.LinkedHashMap<>();
        for (Instance i : instances) {
            i.loop().deliveries().forEach(d -> out.put(d, i.number()));
        }
        return out;
    }

    /** The label of the produced record at {@code partition}/{@code offset}, or {@code partition@offset}. */
    String labelAt(int partition, long offset) {
        return produced.stream()
                .filter(p -> p.partition() == partition && p.offset() == offset)
                .map(Produced::label)
                .findFirst()
                .orElse(partition + "@" + offset);
    }

    /** Settled records of {@code label} (a label produced twice has two records). */
    List<Delivery> settled(String label) {
        return deliveries().stream()
                .filter(d -> labelAt(d.partition(), d.offset()).equals(label))
                .toList();
    }

    /** Waits for {@code condition}, checked whenever a handler call ends, at most the settle timeout. */
    boolean await(BooleanSupplier condition) {
        return await(condition, session.options().settleTimeout());
    }

    boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    // deliveries are recorded by the loops after the handler returns: check again soon
                    changed.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Reads the dead-letter topic from the start until it holds {@code count} records or the timeout passes. */
    List<DeadLetter> deadLetters(int count) {
        if (deadLetterTopic == null) {
            return List.of();
        }
        if (deadLetterReader == null) {
            deadLetterReader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            session.cluster().bootstrapServers()),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(deadLetterTopic, 0);
            deadLetterReader.assign(List.of(tp));
            deadLetterReader.seekToBeginning(List.of(tp));
        }
        long deadline = System.nanoTime() + session.options().settleTimeout().toNanos();
        while (deadLetters.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : deadLetterReader.poll(Duration.ofMillis(100))) {
                deadLetters.add(new DeadLetter(r, label(r)));
            }
        }
        return List.copyOf(deadLetters);
    }

    boolean hasDeadLetterTopic() {
        return deadLetterTopic != null;
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Effects so far: what the consumer published through ctx.publisher(), its HTTP requests, the fixture state. */
    Effects effects() {
        List<Effects.Message> messages;
        synchronized (published) {
            messages = List.copyOf(published);
        }
        return new Effects(
                messages, session.http().recorded(), session.normalizer().state(state()));
    }

    Run.Io io() {
        boolean publishedAny;
        synchronized (published) {
            publishedAny = !published.isEmpty();
        }
        return new Run.Io(publishedAny, faultPointCalls.get() > 0);
    }

    /** The run as the report's timeline: every handler call, then the dead letters. */
    List<ScenarioResult.JournalEvent> journal() {
        List<ScenarioResult.JournalEvent> events = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Attempt a : attempts) {
            int n = seen.merge(a.label(), 1, Integer::sum);
            events.add(new ScenarioResult.JournalEvent(
                    a.label(), a.instance(), a.attempt(), n > 1, a.failure() == null ? "PROCESSED" : "FAILED"));
        }
        for (DeadLetter d : deadLetters) {
            events.add(new ScenarioResult.JournalEvent(d.label(), 0, 0, false, "DEAD_LETTERED"));
        }
        return events;
    }

    /** Stops every running instance (leaving the group); their deliveries stay readable. */
    void stopInstances() {
        for (Instance i : instances) {
            stop(i);
        }
    }

    /** Stops {@code instance}: a clean shutdown, it leaves the group. */
    void stop(Instance instance) {
        if (stopped.add(instance.number())) {
            try {
                instance.loop().close();
            } catch (RuntimeException e) {
                // a loop that died already reported through its deliveries
            }
        }
    }

    private final java.util.Set<Integer> stopped = new java.util.HashSet<>();

    @Override
    public void close() {
        stopInstances();
        for (AutoCloseable consumer : consumers) {
            try {
                consumer.close();
            } catch (Exception e) {
                // best effort, like a process exit
            }
        }
        if (deadLetterReader != null) {
            deadLetterReader.close(Duration.ofSeconds(5));
        }
    }
}
