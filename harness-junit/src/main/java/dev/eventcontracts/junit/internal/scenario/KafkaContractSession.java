package dev.eventcontracts.junit.internal.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.annotations.WireFormat;
import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.effects.HttpStub;
import dev.eventcontracts.junit.internal.effects.Normalizer;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import dev.eventcontracts.kafka.KafkaCluster;
import dev.eventcontracts.kafka.RunTopics;
import dev.eventcontracts.kafka.wire.ApicurioGlobalIdLookup;
import dev.eventcontracts.kafka.wire.CcompatSchemaLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the Kafka contract scenarios of one consumer on one Kafka cluster (docs/kafka.md): owns the
 * producer, the admin client, the run-unique topics, the HTTP stub, the codec and sample data,
 * caches baseline runs, and turns every scenario into a {@link ScenarioResult} (never throws for a
 * consumer's misbehaviour). The consumer is driven by our own listener container, {@code
 * KafkaHandlerLoop}, with the contract's retries and dead-letter topic.
 */
public final class KafkaContractSession implements ScenarioSession {

    private final ConsumerContract contract;
    private final KafkaCluster cluster;
    private final String description;
    private final String kind;
    private final ContractSession.Options options;
    private final RunTopics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final HttpStub http;
    private final Normalizer normalizer;
    private final AvroCodec codec;
    private final JsonCodec json;
    private final RegistryFraming framing;
    private final KafkaInvoker invoker;
    private final Samples samples;
    private final Map<Integer, Baseline> baselines = new HashMap<>();
    private final List<ScenarioResult> results = new ArrayList<>();
    private final Set<ContractSession.Finding> findings = new LinkedHashSet<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final Fixtures fixtures;
    private List<Sample> poison;
    private KafkaRun lastRun;

    /**
     * A session on {@code cluster}.
     *
     * @param description how results and reports name the cluster, e.g. {@code embedded Kafka
     *     4.1.2 (KRaft) at 127.0.0.1:40123}
     * @param kind {@code embedded-kafka} or {@code external-kafka}
     */
    public KafkaContractSession(
            ConsumerContract contract,
            KafkaCluster cluster,
            String description,
            String kind,
            ContractSession.Options options) {
        this(contract, cluster, description, kind, options, null);
    }

    /**
     * A session on {@code cluster} that knows a schema registry.
     *
     * @param registryUri the registry ({@code eventcontracts.registry.uri}: the embedded registry's
     *     {@code /apis/registry/v2}, or a Confluent-compatible API), or null/blank for none; needed
     *     by a contract with {@code WireFormat.CONFLUENT} or {@code APICURIO}
     * @throws IllegalStateException when the contract needs a registry and none is given
     */
    public KafkaContractSession(
            ConsumerContract contract,
            KafkaCluster cluster,
            String description,
            String kind,
            ContractSession.Options options,
            String registryUri) {
        if (!contract.isKafka()) {
            throw new IllegalArgumentException(contract.displayName() + " reads AMQP queue '" + contract.queue()
                    + "'; use ContractSession for AMQP consumers.");
        }
        this.framing = framing(contract, registryUri);
        this.contract = contract;
        this.cluster = cluster;
        this.description = description;
        this.kind = kind;
        this.options = options;
        this.topics = cluster.runTopics(RunTopics.newRunId());
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        this.normalizer = new Normalizer(new ObjectMapper(), contract.ignoreEffectPaths());
        this.http = new HttpStub(normalizer);
        this.codec = contract.readerSchema() == null
                ? null
                : new AvroCodec(contract.readerSchema(), contract.writerSchemas());
        this.json = JsonCodec.forClasspath(contract.consumerClass().getClassLoader());
        this.invoker =
                new KafkaInvoker(contract, new PayloadDecoder(contract, codec, json), framing, options.settleTimeout());
        this.fixtures = new Fixtures(contract);
        this.samples = new Samples(contract, options.seed(), json, fixtures::samples, fixtures::name);
    }

    private static RegistryFraming framing(ConsumerContract contract, String registryUri) {
        if (contract.wireFormat() == WireFormat.HEADER) {
            return null;
        }
        if (registryUri == null || registryUri.isBlank()) {
            throw new IllegalStateException(contract.displayName() + " declares wireFormat = WireFormat."
                    + contract.wireFormat() + ": its records carry schema ids from a registry, but the contract test"
                    + " knows none. Pass the registry as eventcontracts.registry.uri (the plugin's start goal sets it:"
                    + " add <eventcontracts.registry.uri>${eventcontracts.registry.uri}</eventcontracts.registry.uri>"
                    + " to the failsafe <systemPropertyVariables>), or set it to your registry's API.");
        }
        return contract.wireFormat() == WireFormat.CONFLUENT
                ? RegistryFraming.confluent(contract, new CcompatSchemaLookup(RegistryFraming.ccompatBase(registryUri)))
                : RegistryFraming.apicurio(
                        contract, new ApicurioGlobalIdLookup(RegistryFraming.apicurioBase(registryUri)));
    }

    /** The registry framing of the records, or null when the schema id travels in a header. */
    RegistryFraming framing() {
        return framing;
    }

    @Override
    public ScenarioResult run(Scenario scenario) {
        long start = System.nanoTime();
        synchronized (this) {
            lastRun = null;
        }
        Verdict verdict;
        if (!scenario.descriptor().runsOn(ContractScenario.Transport.KAFKA)) {
            verdict = Verdict.skipped(scenario.id() + " is an AMQP scenario; " + contract.displayName()
                    + " reads Kafka topic '" + contract.topic() + "'.");
        } else if (!samples.hasGood()) {
            // as on AMQP: a String/byte[] payload without the fixture's samples() cannot be driven
            String why = samples.whyNoGood();
            report(new ContractSession.Finding("samples-missing", "WARNING", why));
            verdict = Verdict.skipped(why);
        } else {
            try {
                verdict = new KafkaScenarios(this).run(scenario);
            } catch (ContractSession.BaselineException e) {
                verdict = Verdict.error(e.getMessage());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                verdict = Verdict.error(scenario.id() + " could not run on " + description + ": " + e);
            }
        }
        boolean broken = verdict.status() == ScenarioStatus.FAILED || verdict.status() == ScenarioStatus.ERROR;
        ScenarioResult result = new ScenarioResult(
                scenario,
                verdict.status(),
                verdict.message(),
                verdict.fix(),
                (System.nanoTime() - start) / 1_000_000,
                broken ? lastJournal() : List.of());
        synchronized (this) {
            results.removeIf(r -> r.scenario() == scenario);
            results.add(result);
        }
        return result;
    }

    private synchronized List<ScenarioResult.JournalEvent> lastJournal() {
        return lastRun == null ? List.of() : lastRun.journal();
    }

    KafkaRun newRun(int partitions) {
        KafkaRun run = new KafkaRun(this, "r" + runs.incrementAndGet(), partitions);
        synchronized (this) {
            lastRun = run;
        }
        return run;
    }

    /** The effects of producing good samples 1..n once each, on a fresh fixture (cached). */
    synchronized Baseline baseline(int n) throws Exception {
        Baseline cached = baselines.get(n);
        if (cached == null) {
            cached = new KafkaScenarios(this).baseline(n);
            baselines.put(n, cached);
        }
        return cached;
    }

    /** The JSON codec for record and POJO payloads (Jackson 3 when the consumer has it, else 2). */
    JsonCodec json() {
        return json;
    }

    /** The fixture's poison samples (none without a fixture), read once. */
    synchronized List<Sample> poisonSamples() {
        if (poison == null) {
            poison = fixtures.poison(samples);
        }
        return poison;
    }

    Object newFixture() {
        return fixtures.newFixture();
    }

    private final List<String> groups = new ArrayList<>();
    private final Map<String, String> publishedTopics = new HashMap<>();

    /**
     * Sends what the consumer published through {@code ctx.publisher()} to Kafka (docs/kafka.md
     * §4.2): to the run-unique topic of {@code exchange} (of {@code routingKey} when the exchange is
     * empty, as AMQP's default exchange routes), keyed by the routing key under an exchange, the
     * headers as text.
     *
     * @throws UncheckedIOException when Kafka does not take the record
     */
    void sendPublished(String exchange, String routingKey, Map<String, Object> headers, byte[] body) {
        boolean direct = exchange == null || exchange.isEmpty();
        String topic = publishedTopic(direct ? routingKey : exchange);
        byte[] key = direct || routingKey == null || routingKey.isEmpty()
                ? null
                : routingKey.getBytes(StandardCharsets.UTF_8);
        var recordHeaders = new RecordHeaders();
        if (headers != null) {
            headers.forEach((k, v) ->
                    recordHeaders.add(k, v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, key, body, recordHeaders))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UncheckedIOException(
                    new IOException("Kafka did not take the record published to '" + topic + "': " + e, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted publishing to " + topic, e));
        }
    }

    /**
     * The run-unique topic ({@code <name>.ec-<run id>}, created on first use, deleted with the run's
     * topics) for what the consumer publishes to {@code name}; characters Kafka does not allow in
     * topic names become {@code _}.
     */
    String publishedTopic(String name) {
        String legal = name == null || name.isEmpty() ? "published" : name.replaceAll("[^a-zA-Z0-9._-]", "_");
        // its own lock: handlers publish while the session's lock is held by a baseline run waiting for them
        synchronized (publishedTopics) {
            return publishedTopics.computeIfAbsent(legal, n -> topics.create(n, 1));
        }
    }

    /** Remembers a run's consumer group, deleted with the topics when the session closes. */
    synchronized void groupCreated(String group) {
        groups.add(group);
    }

    synchronized void report(ContractSession.Finding finding) {
        if (findings.stream().noneMatch(f -> f.code().equals(finding.code()))) {
            findings.add(finding);
        }
    }

    ConsumerContract contract() {
        return contract;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    RunTopics topics() {
        return topics;
    }

    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    Admin admin() {
        return admin;
    }

    HttpStub http() {
        return http;
    }

    Normalizer normalizer() {
        return normalizer;
    }

    AvroCodec codec() {
        return codec;
    }

    KafkaInvoker invoker() {
        return invoker;
    }

    Samples samples() {
        return samples;
    }

    ContractSession.Options options() {
        return options;
    }

    @Override
    public synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    @Override
    public String brokerDisplay() {
        return description;
    }

    @Override
    public String brokerKind() {
        return kind;
    }

    /** Published messages are seen where the consumer sends them: {@code ctx.publisher()}. */
    @Override
    public String effectsObservedAt() {
        return "ctx.publisher()";
    }

    @Override
    public synchronized List<ContractSession.Finding> findings() {
        return List.copyOf(findings);
    }

    @Override
    public void close() {
        http.close();
        producer.close(java.time.Duration.ofSeconds(5));
        List<String> created;
        synchronized (this) {
            created = List.copyOf(groups);
        }
        try {
            // runs sharing a cluster leave no consumer groups behind (their members have left)
            admin.deleteConsumerGroups(created).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // best effort: a group that still has a member, or is already gone, is left to the cluster
        }
        admin.close(java.time.Duration.ofSeconds(5));
        try {
            topics.close();
        } catch (RuntimeException e) {
            // best effort: a failed cleanup must not hide the verdicts
        }
    }
}
