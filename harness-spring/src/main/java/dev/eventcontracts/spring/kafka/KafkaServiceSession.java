package dev.eventcontracts.spring.kafka;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.kafka.ExternalKafka;
import dev.eventcontracts.kafka.KafkaCluster;
import dev.eventcontracts.spring.FixtureLookup;
import dev.eventcontracts.spring.ServiceFixture;
import dev.eventcontracts.spring.internal.HttpStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * One running Spring Kafka service under contract: the Kafka cluster (given, or an embedded KRaft
 * broker started here), the HTTP stub, the service's own application context pointed at the
 * cluster, an observer of every topic, and the scenarios over them. {@link
 * KafkaServiceContractExtension} holds one per test class (docs/kafka.md, service mode).
 */
public final class KafkaServiceSession implements AutoCloseable {

    /**
     * Where the session runs.
     *
     * @param bootstrap the cluster's bootstrap servers, or null to start an embedded broker here
     * @param registry the registry URI passed to the service, or null
     * @param settleTimeout how long a scenario waits for the service to settle
     */
    public record Options(String bootstrap, String registry, Duration settleTimeout) {}

    private final KafkaServiceContract contract;
    private final Options options;
    private final KafkaCluster cluster;
    private final Admin admin;
    private final HttpStub stub;
    private final TopicObserver observer;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaServiceScenarios scenarios;
    private ConfigurableApplicationContext context;
    private KafkaListenerSetup setup;
    private ListenerProbe probe;

    private KafkaServiceSession(KafkaServiceContract contract, Options options) {
        this.contract = contract;
        this.options = options;
        cluster = ExternalKafka.orEmbedded(options.bootstrap(), Duration.ofSeconds(15));
        List<AutoCloseable> opened = new ArrayList<>(List.of(cluster));
        try {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
            opened.add(0, admin);
            stub = new HttpStub();
            opened.add(0, stub);
            context = startContext();
            setup = KafkaListenerSetup.read(context, contract);
            attachProbe();
            observer = new TopicObserver(cluster.bootstrapServers(), admin);
            opened.add(0, observer);
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            cluster.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new ByteArraySerializer());
            opened.add(0, producer);
            KafkaServiceScenarios.Fixture fixture = fixture(contract);
            scenarios = new KafkaServiceScenarios(
                    this, new KafkaSamples(context, setup, contract.orderedBy(), fixture.samples()), fixture);
            observer.awaitSettled(options.settleTimeout());
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("Cannot start the HTTP stub for " + contract.displayName(), e);
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            closeAll(opened);
            throw e;
        }
    }

    /** The listener's {@code ServiceFixture}, found as RabbitMQ service mode finds it (docs/service-mode.md, fixture). */
    private static KafkaServiceScenarios.Fixture fixture(KafkaServiceContract contract) {
        return FixtureLookup.find(contract.application(), contract.listenerClass())
                .map(f -> {
                    ServiceFixture<?> fixture = FixtureLookup.instantiate(f);
                    return new KafkaServiceScenarios.Fixture(f.getName(), fixture.poisonSamples(), fixture.samples());
                })
                .orElse(new KafkaServiceScenarios.Fixture(null, List.of(), List.of()));
    }

    /** Starts the service of {@code contract} against the cluster of {@code options}. */
    public static KafkaServiceSession start(KafkaServiceContract contract, Options options) {
        return new KafkaServiceSession(contract, options);
    }

    /** The command-line arguments that point the service at the cluster and the stubs. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        args.add("--spring.main.web-application-type=none");
        args.add("--spring.main.banner-mode=off");
        args.add("--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers());
        args.add("--spring.kafka.consumer.auto-offset-reset=earliest");
        args.add("--eventcontracts.kafka.bootstrap=" + cluster.bootstrapServers());
        args.add("--eventcontracts.http.uri=" + stub.baseUri());
        if (options.registry() != null && !options.registry().isBlank()) {
            args.add("--eventcontracts.registry.uri=" + options.registry());
        }
        return args;
    }

    /** Starts one more instance of the service (same group): a process start. */
    ConfigurableApplicationContext startContext() {
        try {
            return new SpringApplication(contract.application()).run(arguments().toArray(String[]::new));
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            throw new IllegalStateException(
                    "The application context of '" + contract.application().getName() + "' did not start against"
                            + " Kafka at " + cluster.bootstrapServers() + ": "
                            + t.getClass().getSimpleName() + ": "
                            + t.getMessage() + ". Fix the service's configuration for a test run (docs/kafka.md,"
                            + " service mode).",
                    e);
        }
    }

    /** Closes the service's context and starts a new one: a restart of the process. */
    void restartContext() {
        context.close();
        context = startContext();
        setup = KafkaListenerSetup.read(context, contract);
        attachProbe();
    }

    /** Puts a {@link ListenerProbe} on the listener's container (read when it starts: stop, attach, start). */
    private void attachProbe() {
        restartContainer(properties -> probe = ListenerProbe.attach(setup.container()));
    }

    /** Stops the listener's container, lets {@code change} edit its properties, starts it and awaits its partitions. */
    void restartContainer(java.util.function.Consumer<ContainerProperties> change) {
        MessageListenerContainer c = setup.container();
        c.stop();
        change.accept(c.getContainerProperties());
        c.start();
        awaitAssigned(setup);
    }

    /** The probe on the current context's listener container. */
    ListenerProbe probe() {
        return probe;
    }

    /** Waits until {@code s}'s container has partitions assigned. */
    void awaitAssigned(KafkaListenerSetup s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var assigned = s.container().getAssignedPartitions();
            if (assigned != null && !assigned.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("The listener container of " + contract.displayName() + " got no partition of '"
                + s.topic() + "' within 20 s. Check that it starts (autoStartup) and its group '" + s.groupId() + "' ("
                + members(s.groupId()) + ").");
    }

    /**
     * Waits until the listener's group has no member: a member held past its {@code
     * max.poll.interval.ms} leaves by itself; one still there after {@code patience} is removed with
     * {@code Admin.removeMembersFromConsumerGroup}, as a broker does to a member that stopped polling.
     */
    void awaitGroupEmpty(Duration patience) throws Exception {
        String group = setup.groupId();
        long deadline = System.nanoTime() + patience.toNanos();
        boolean removed = false;
        while (true) {
            var d = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(5, TimeUnit.SECONDS)
                    .get(group);
            if (d.members().isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                if (removed) {
                    throw new IllegalStateException("group '" + group + "' still has members after they were removed"
                            + " (" + members(group) + ")");
                }
                admin.removeMembersFromConsumerGroup(
                                group, new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions())
                        .all()
                        .get(5, TimeUnit.SECONDS);
                removed = true;
                deadline = System.nanoTime() + patience.toNanos();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** The group's state and members with their partitions, as a failure message shows them. */
    private String members(String groupId) {
        try {
            var d = admin.describeConsumerGroups(List.of(groupId))
                    .all()
                    .get(5, TimeUnit.SECONDS)
                    .get(groupId);
            List<String> members = new ArrayList<>();
            d.members()
                    .forEach(
                            m -> members.add(m.clientId() + " " + m.assignment().topicPartitions()));
            return "state " + d.groupState() + ", members " + members;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "group not described: " + e;
        }
    }

    /** Stops the listener containers of {@code ctx}. */
    static void stopListeners(ConfigurableApplicationContext ctx) {
        ctx.getBeanProvider(KafkaListenerEndpointRegistry.class).ifAvailable(KafkaListenerEndpointRegistry::stop);
    }

    /** Starts the listener containers of the current context again and waits for the assignment. */
    void startListeners() {
        context.getBeanProvider(KafkaListenerEndpointRegistry.class).ifAvailable(KafkaListenerEndpointRegistry::start);
        awaitAssigned(setup);
    }

    /**
     * Moves the listener group's committed offset on {@code partition} to {@code offset} while its
     * members are stopped: a lost commit ({@code offset} earlier) or skipping a blocked record.
     */
    void moveCommittedOffset(TopicPartition partition, long offset) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                admin.alterConsumerGroupOffsets(setup.groupId(), Map.of(partition, new OffsetAndMetadata(offset)))
                        .all()
                        .get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                last = e; // the group still has members leaving: try again
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        throw new IllegalStateException("Cannot move the committed offset of group '" + setup.groupId() + "' on "
                + partition + " to " + offset + ": " + last);
    }

    /** Produces {@code sample} to the listener's topic and returns where it landed. */
    RecordMetadata produce(KafkaSamples.Sample sample) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(setup.topic(), sample.key(), sample.value());
        sample.headers().forEach((k, v) -> r.headers().add(k, v));
        return producer.send(r).get(10, TimeUnit.SECONDS);
    }

    KafkaServiceContract contract() {
        return contract;
    }

    KafkaListenerSetup setup() {
        return setup;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    TopicObserver observer() {
        return observer;
    }

    HttpStub stub() {
        return stub;
    }

    Duration settleTimeout() {
        return options.settleTimeout();
    }

    /** Runs one scenario. */
    public ScenarioResult run(Scenario scenario) {
        return scenarios.run(scenario);
    }

    /** The topic the listener reads. */
    public String topic() {
        return setup.topic();
    }

    /**
     * The cluster, as results name it, e.g. {@code embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:40123}:
     * for the broker the plugin's {@code start} goal started, its description from {@code
     * target/event-contracts/endpoints.properties} ({@code eventcontracts.kafka.description}).
     */
    public String brokerDisplay() {
        if (cluster instanceof ExternalKafka) {
            java.nio.file.Path endpoints = java.nio.file.Path.of("target/event-contracts/endpoints.properties");
            if (java.nio.file.Files.isRegularFile(endpoints)) {
                java.util.Properties p = new java.util.Properties();
                try (var in = java.nio.file.Files.newBufferedReader(endpoints)) {
                    p.load(in);
                } catch (IOException e) {
                    return cluster.description();
                }
                String started = p.getProperty("eventcontracts.kafka.description");
                if (started != null
                        && cluster.bootstrapServers().equals(p.getProperty("eventcontracts.kafka.bootstrap"))) {
                    return started;
                }
            }
        }
        return cluster.description();
    }

    /** {@code embedded-kafka} or {@code external-kafka}. */
    public String brokerKind() {
        return brokerDisplay().startsWith("embedded") ? "embedded-kafka" : "external-kafka";
    }

    /** The dead-letter topic records were seen in, or null when none was seen. */
    public String deadLetterTopic() {
        return scenarios.deadLetterTopicSeen();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
        closeAll(List.of(producer, observer, stub, admin, cluster));
    }

    private static void closeAll(List<? extends AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
