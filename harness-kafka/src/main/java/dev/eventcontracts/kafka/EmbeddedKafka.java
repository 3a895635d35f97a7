package dev.eventcontracts.kafka;

import dev.eventcontracts.kafka.internal.PreboundSockets;
import dev.eventcontracts.kafka.internal.RecordedFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A real Apache Kafka broker in this JVM: one node in KRaft mode, broker and controller combined,
 * on the loopback interface, with its log in a fresh temporary directory that {@link #close()}
 * deletes. The broker is Kafka's own ({@code kafka.server.BrokerServer} and {@code
 * ControllerServer}, as {@code kafka-server-start.sh} runs them), not a reimplementation.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Ports are free ports by default; the controller's socket is bound before the configuration is
 * written (its address is part of {@code controller.quorum.voters}), so no port is guessed. Two
 * instances in one JVM are independent. A fatal broker fault is logged and reported by {@code
 * close()} instead of halting the JVM. See docs/kafka.md.
 */
public final class EmbeddedKafka implements KafkaCluster {

    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final String bindAddress;
    private final int port;
    private final Map<String, String> overrides;
    private Path directory;
    private PreboundSockets sockets;
    private RecordedFaults faults;
    private SharedServer shared;
    private ControllerServer controller;
    private BrokerServer broker;
    private String bootstrapServers;
    private String lastBootstrapServers;
    private boolean closed;

    private EmbeddedKafka(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.port = builder.port;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** A builder: loopback, a free port, settings for one node. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker with the defaults. */
    public static EmbeddedKafka startDefault() {
        return builder().build().start();
    }

    /**
     * Formats a temporary log directory, binds the listeners and starts controller and broker;
     * returns when the broker is registered and unfenced (ready for clients).
     *
     * @throws KafkaStartException the port is taken, the directory cannot be written, or Kafka
     *     failed to start; everything started so far is stopped again
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("This EmbeddedKafka was closed; build a new one.");
        }
        if (broker != null) {
            return this;
        }
        String step = "create its log directory";
        try {
            directory = Files.createTempDirectory("event-contracts-kafka-");
            sockets = new PreboundSockets();
            step = "bind the controller listener on " + bindAddress + ":0";
            int controllerPort = sockets.bind(CONTROLLER_LISTENER, new InetSocketAddress(bindAddress, 0));
            step = "bind the broker listener on " + bindAddress + ":" + port;
            int brokerPort = sockets.bind(BROKER_LISTENER, new InetSocketAddress(bindAddress, port));
            KafkaConfig config = new KafkaConfig(settings(brokerPort, controllerPort), false);
            step = "format " + directory;
            format(config);
            Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs = KafkaRaftServer.initializeLogDirs(
                    config, LoggerFactory.getLogger(EmbeddedKafka.class), "[event-contracts kafka] ");
            faults = new RecordedFaults();
            step = "start the KRaft controller";
            shared = new SharedServer(
                    config,
                    dirs._1(),
                    Time.SYSTEM,
                    new Metrics(),
                    CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(
                            config.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                    faults,
                    sockets);
            controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
            BrokerServer brokerServer = new BrokerServer(shared);
            // Controller and broker start side by side, as Kafka's own test kit does: the broker's
            // start waits for the controller anyway, and its own set-up overlaps the controller's.
            ControllerServer starting = controller;
            CompletableFuture<Void> controllerStarted = CompletableFuture.runAsync(starting::startup, task -> {
                Thread thread = new Thread(task, "event-contracts-kafka-controller-start");
                thread.setDaemon(true);
                thread.start();
            });
            step = "start the broker";
            broker = brokerServer;
            brokerServer.startup();
            step = "start the KRaft controller";
            controllerStarted.join();
            bootstrapServers =
                    hostForClients() + ":" + brokerServer.boundPort(ListenerName.normalised(BROKER_LISTENER));
            lastBootstrapServers = bootstrapServers;
            return this;
        } catch (Exception | LinkageError e) {
            stopQuietly();
            throw new KafkaStartException(
                    "Cannot start the embedded Kafka broker: failed to " + step + ": " + e.getMessage()
                            + (port != 0 ? ". Use port 0 (a free port, the default) or free port " + port : "")
                            + ". To use a running cluster instead, set -D" + BOOTSTRAP_PROPERTY + "=host:9092.",
                    e);
        }
    }

    private Map<String, Object> settings(int brokerPort, int controllerPort) {
        String host = hostForClients();
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + bindAddress + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                        + bindAddress + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("log.dirs", directory.resolve("data").toString());
        props.put("metadata.log.dir", directory.resolve("metadata").toString());
        // One node: internal topics cannot have more replicas than that.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A test's consumer group must not wait 3 s for more members before the first assignment.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("delete.topic.enable", "true");
        // A broker whose controller failed to start gives up instead of waiting forever.
        props.put("server.max.startup.time.ms", "120000");
        props.putAll(overrides);
        return props;
    }

    private void format(KafkaConfig config) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(
                        config.metadataLogDir(), directory.resolve("data").toString()))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setIgnoreFormatted(false);
        formatter.run();
    }

    private String hostForClients() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : bindAddress;
    }

    /** {@code 127.0.0.1:<port>}. */
    @Override
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("The embedded Kafka broker is not started; call start() first.");
        }
        return bootstrapServers;
    }

    /** {@code "embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:<port>"} (the last address once stopped). */
    @Override
    public synchronized String description() {
        return "embedded Kafka " + AppInfoParser.getVersion() + " (KRaft)"
                + (lastBootstrapServers == null ? "" : " at " + lastBootstrapServers);
    }

    /** The broker's log directory (deleted by {@link #close()}). */
    public synchronized Path directory() {
        return directory;
    }

    /**
     * Stops broker and controller, closes their sockets and deletes the log directory. Idempotent.
     *
     * @throws IllegalStateException the broker recorded a fault while it ran (it is stopped anyway)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
        RuntimeException fault = faults == null ? null : faults.first();
        if (fault != null) {
            throw fault;
        }
    }

    private void stopQuietly() {
        if (broker != null) {
            try {
                broker.shutdown();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(EmbeddedKafka.class).warn("Stopping the Kafka broker failed", e);
            }
        }
        if (controller != null) {
            try {
                controller.shutdown();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(EmbeddedKafka.class).warn("Stopping the Kafka controller failed", e);
            }
        } else if (shared != null) {
            shared.stopForController();
        }
        if (sockets != null) {
            sockets.closeUnused();
        }
        broker = null;
        controller = null;
        shared = null;
        bootstrapServers = null;
        if (directory != null) {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LoggerFactory.getLogger(EmbeddedKafka.class).warn("Cannot delete the Kafka log directory " + directory, e);
        }
    }

    /** Options of an {@link EmbeddedKafka}; every one has a default. */
    public static final class Builder {
        private String bindAddress = InetAddress.getLoopbackAddress().getHostAddress();
        private int port;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {}

        /** The address both listeners bind; default {@code 127.0.0.1}. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The client (broker) listener's port; default 0, a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "Kafka port " + port + " is out of range: use 0 for a free port or 1..65535.");
            }
            this.port = port;
            return this;
        }

        /** A broker setting (e.g. {@code num.partitions}) over the defaults; listeners and directories are ours. */
        public Builder setting(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
