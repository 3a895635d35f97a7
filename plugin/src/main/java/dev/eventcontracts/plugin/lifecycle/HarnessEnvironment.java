package dev.eventcontracts.plugin.lifecycle;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.kafka.EmbeddedKafka;
import dev.eventcontracts.kafka.ExternalKafka;
import dev.eventcontracts.kafka.KafkaCluster;
import dev.eventcontracts.kafka.KafkaStartException;
import dev.eventcontracts.kafka.KafkaUnreachableException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import dev.eventcontracts.registry.EmbeddedRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The services {@code start} runs for the integration tests of one project: the harness broker
 * and the embedded registry on free ports, their endpoints written to {@code
 * target/event-contracts/endpoints.properties}. The registry serves a copy of the committed file
 * store (so tests see every registered version and never change the committed one), or starts
 * empty. A Kafka broker (real Apache Kafka, KRaft, in this JVM) starts too when the module has
 * {@code @KafkaListener} consumers or {@code <kafka>true</kafka>}; {@code
 * eventcontracts.kafka.bootstrap} names an external cluster to use instead (docs/kafka.md).
 *
 * <p>Closing is idempotent. A JVM shutdown hook closes the environment too, so a build that fails
 * between {@code start} and {@code stop}, or a Ctrl-C, never leaves a broker behind; ports are
 * free ports and the endpoints file and registry copy are rewritten at every start, so nothing
 * left by a killed build blocks the next one. Environments share nothing: each project of a
 * {@code -T} build gets its own.
 */
public final class HarnessEnvironment implements AutoCloseable {

    private final EnvironmentConfig config;
    private final HarnessBroker broker;
    private final EmbeddedRegistry registry;
    private final KafkaCluster kafka;
    private final Endpoints endpoints;
    private final Thread shutdownHook;
    private final CountDownLatch closed = new CountDownLatch(1);

    private HarnessEnvironment(
            EnvironmentConfig config, HarnessBroker broker, EmbeddedRegistry registry, KafkaCluster kafka) {
        this.config = config;
        this.broker = broker;
        this.registry = registry;
        this.kafka = kafka;
        this.endpoints = new Endpoints(
                broker.amqpUri().toString(),
                broker.adminUri().toString(),
                registry == null ? null : registry.uri().toString(),
                kafka == null ? null : kafka.bootstrapServers(),
                kafka == null ? null : kafka.description());
        this.shutdownHook = new Thread(this::close, "event-contracts-shutdown");
    }

    /**
     * Starts the services and writes the endpoints file.
     *
     * @throws UserProblemException a configured port is taken
     * @throws IOException the endpoints file or the registry copy cannot be written
     */
    public static HarnessEnvironment start(EnvironmentConfig config) throws IOException {
        Files.deleteIfExists(config.endpointsFile());
        HarnessBroker broker = startBroker(config);
        EmbeddedRegistry registry = null;
        KafkaCluster kafka = null;
        try {
            if (config.registry()) {
                registry = startRegistry(config);
            }
            kafka = startKafka(config);
        } catch (IOException | RuntimeException e) {
            try (EmbeddedRegistry closing = registry) {
                broker.close();
            }
            throw e;
        }
        HarnessEnvironment environment = new HarnessEnvironment(config, broker, registry, kafka);
        try {
            environment.endpoints.write(config.endpointsFile());
            Runtime.getRuntime().addShutdownHook(environment.shutdownHook);
        } catch (IOException | RuntimeException e) {
            environment.close();
            throw e;
        }
        return environment;
    }

    private static HarnessBroker startBroker(EnvironmentConfig config) {
        try {
            HarnessBroker.Builder builder =
                    HarnessBroker.builder().amqpPort(config.amqpPort()).bindAddress(config.bindAddress());
            if (config.definitions() != null) {
                builder.definitions(config.definitions());
            }
            return builder.build().start();
        } catch (DefinitionsException e) {
            throw new UserProblemException(
                    "Cannot load <definitions> into the harness broker: " + e.getMessage()
                            + ". Fix the file, or export it again with 'rabbitmqctl export_definitions FILE'.",
                    e);
        } catch (UncheckedIOException e) {
            throw new UserProblemException(
                    "Cannot start the harness broker on " + config.bindAddress() + ":" + config.amqpPort() + ": "
                            + e.getCause().getMessage() + ". Use <amqpPort>0</amqpPort> (a free port, the default)"
                            + " or free the port.",
                    e);
        }
    }

    private static EmbeddedRegistry startRegistry(EnvironmentConfig config) throws IOException {
        Path copy = config.registryWorkDirectory();
        deleteRecursively(copy);
        if (Files.isDirectory(config.registryDirectory())) {
            copyStore(config.registryDirectory(), copy);
        }
        try {
            return EmbeddedRegistry.builder()
                    .port(config.registryPort())
                    .storage(copy)
                    .build()
                    .start();
        } catch (UncheckedIOException e) {
            throw new UserProblemException(
                    "Cannot start the embedded registry on port " + config.registryPort() + ": "
                            + e.getCause().getMessage() + ". Use <registryPort>0</registryPort> (a free port, the"
                            + " default) or free the port.",
                    e);
        }
    }

    /**
     * Whether the build needs Kafka: {@code <kafka>true</kafka>}, or {@code auto} with Kafka
     * consumers discovered (or an external cluster named).
     */
    static boolean kafkaWanted(EnvironmentConfig config) throws IOException {
        return switch (config.kafka()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                config.kafkaBootstrap() != null
                        || !KafkaConsumers.read(config.kafkaConsumersFile()).isEmpty();
        };
    }

    private static KafkaCluster startKafka(EnvironmentConfig config) throws IOException {
        if (!kafkaWanted(config)) {
            return null;
        }
        try {
            return config.kafkaBootstrap() != null
                    ? ExternalKafka.connect(config.kafkaBootstrap(), Duration.ofSeconds(15))
                    : EmbeddedKafka.builder()
                            .bindAddress(config.bindAddress())
                            .build()
                            .start();
        } catch (KafkaStartException | KafkaUnreachableException e) {
            throw new UserProblemException(e.getMessage(), e);
        }
    }

    private static void copyStore(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.sorted().toList();
        }
        for (Path source : files) {
            String name = source.getFileName().toString();
            if (name.equals(".lock") || name.endsWith(".tmp")) {
                continue;
            }
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** Where the services listen. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The Kafka cluster the tests use ({@code "embedded Kafka 4.1.2 (KRaft)"}, {@code "external Kafka at …"}), or null. */
    public String kafkaDescription() {
        return kafka == null ? null : kafka.description();
    }

    /** Blocks until the environment is closed (by {@link #close()} or the JVM's shutdown), or the timeout passes. */
    public boolean awaitClose(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** Whether the environment has been closed. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Stops the services and removes the endpoints file. Idempotent. */
    @Override
    public synchronized void close() {
        if (isClosed()) {
            return;
        }
        try (EmbeddedRegistry closingRegistry = registry;
                KafkaCluster closingKafka = kafka) {
            broker.close();
            Files.deleteIfExists(config.endpointsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed.countDown();
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    // the JVM is already shutting down (the hook runs, or ran, close itself) or it was never added
                }
            }
        }
    }
}
