package dev.eventcontracts.plugin.lifecycle;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code start} and {@code run} were told; {@code null} means default.
 *
 * @param projectDirectory the project base directory
 * @param buildDirectory {@code target/}
 * @param amqpPort the broker's AMQP port; default 0 (a free port)
 * @param bindAddress the address the broker binds; default {@code 127.0.0.1} (loopback only)
 * @param registry whether to start the embedded registry too; default {@code true}
 * @param registryPort the embedded registry's HTTP port (loopback); default 0 (a free port)
 * @param registryDirectory the committed file store the embedded registry starts from (copied,
 *     never written); default {@code src/main/registry}; a missing directory means an empty registry
 * @param definitions a RabbitMQ definitions file (users, permissions, policies, exchanges, queues,
 *     bindings of vhost {@code /}) the broker loads at start; default none
 * @param kafka {@code auto} (default: a Kafka broker when discovery found {@code @KafkaListener}
 *     consumers), {@code true} (always) or {@code false} (never); see docs/kafka.md
 * @param kafkaBootstrap an external Kafka cluster's bootstrap servers to use instead of starting one,
 *     or {@code null}
 */
public record EnvironmentConfig(
        Path projectDirectory,
        Path buildDirectory,
        Integer amqpPort,
        String bindAddress,
        Boolean registry,
        Integer registryPort,
        Path registryDirectory,
        Path definitions,
        String kafka,
        String kafkaBootstrap) {

    private static final List<String> KAFKA_MODES = List.of("auto", "true", "false");

    /** A configuration with no definitions file and Kafka left to its defaults ({@code auto}, embedded). */
    public EnvironmentConfig(
            Path projectDirectory,
            Path buildDirectory,
            Integer amqpPort,
            String bindAddress,
            Boolean registry,
            Integer registryPort,
            Path registryDirectory) {
        this(
                projectDirectory,
                buildDirectory,
                amqpPort,
                bindAddress,
                registry,
                registryPort,
                registryDirectory,
                null,
                null,
                null);
    }

    /** Fills in defaults and checks the port ranges. */
    public EnvironmentConfig {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        amqpPort = port(amqpPort, "<amqpPort>", "eventcontracts.amqpPort");
        registryPort = port(registryPort, "<registryPort>", "eventcontracts.registryPort");
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        registry = registry == null ? Boolean.TRUE : registry;
        registryDirectory =
                registryDirectory == null ? projectDirectory.resolve("src/main/registry") : registryDirectory;
        kafka = kafka == null || kafka.isBlank() ? "auto" : kafka.strip().toLowerCase(Locale.ROOT);
        if (!KAFKA_MODES.contains(kafka)) {
            throw new InvalidParameterException(
                    "<kafka>",
                    "eventcontracts.kafka",
                    kafka,
                    "use auto (a Kafka broker when @KafkaListener consumers are found; the default), true or false.");
        }
        kafkaBootstrap = kafkaBootstrap == null || kafkaBootstrap.isBlank() ? null : kafkaBootstrap.strip();
    }

    /** This configuration without an external Kafka cluster. */
    public EnvironmentConfig withoutKafkaBootstrap() {
        return new EnvironmentConfig(
                projectDirectory,
                buildDirectory,
                amqpPort,
                bindAddress,
                registry,
                registryPort,
                registryDirectory,
                definitions,
                kafka,
                null);
    }

    /** {@code target/event-contracts/kafka-consumers.txt}, written by {@code generate-contract-tests}. */
    public Path kafkaConsumersFile() {
        return workDirectory().resolve(KafkaConsumers.FILE_NAME);
    }

    private static int port(Integer value, String element, String property) {
        int port = value == null ? 0 : value;
        if (port < 0 || port > 65535) {
            throw new InvalidParameterException(
                    element,
                    property,
                    String.valueOf(port),
                    "use 0 for a free port (the default) or a port between 1 and 65535.");
        }
        return port;
    }

    /** {@code target/event-contracts}. */
    public Path workDirectory() {
        return buildDirectory.resolve("event-contracts");
    }

    /** {@code target/event-contracts/endpoints.properties}. */
    public Path endpointsFile() {
        return workDirectory().resolve("endpoints.properties");
    }

    /** {@code target/event-contracts/registry}: the embedded registry's working copy of the file store. */
    public Path registryWorkDirectory() {
        return workDirectory().resolve("registry");
    }
}
