package dev.eventcontracts.plugin.lifecycle;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the started services listen, as the project properties and the {@code endpoints.properties}
 * file carry them.
 *
 * @param amqpUri the harness broker, e.g. {@code amqp://127.0.0.1:40123}
 * @param adminUri the harness broker's admin HTTP API (queues, messages, publish journal, faults,
 *     {@code /metrics}), e.g. {@code http://127.0.0.1:40124}
 * @param registryUri the embedded registry's Apicurio v2 API, or {@code null} when not started
 * @param kafkaBootstrap the Kafka broker's {@code bootstrap.servers} (embedded or external), or
 *     {@code null} when the build has no Kafka
 * @param kafkaDescription what the Kafka broker is, e.g. {@code embedded Kafka 4.1.2 (KRaft) at
 *     127.0.0.1:40123}: the contract tests name it in their results; {@code null} without Kafka
 */
public record Endpoints(
        String amqpUri, String adminUri, String registryUri, String kafkaBootstrap, String kafkaDescription) {

    /** Endpoints without Kafka. */
    public Endpoints(String amqpUri, String adminUri, String registryUri) {
        this(amqpUri, adminUri, registryUri, null, null);
    }

    /** Endpoints with a Kafka broker that says nothing about itself. */
    public Endpoints(String amqpUri, String adminUri, String registryUri, String kafkaBootstrap) {
        this(amqpUri, adminUri, registryUri, kafkaBootstrap, null);
    }

    /** The property naming the broker's AMQP URI. */
    public static final String AMQP_URI = "eventcontracts.amqp.uri";

    /** The property naming the broker's admin HTTP API. */
    public static final String ADMIN_URI = "eventcontracts.admin.uri";

    /** The property naming the embedded registry's URI. */
    public static final String REGISTRY_URI = "eventcontracts.registry.uri";

    /** The property naming the Kafka bootstrap servers (the same name selects an external cluster). */
    public static final String KAFKA_BOOTSTRAP = "eventcontracts.kafka.bootstrap";

    /** The property describing the Kafka broker, which contract-test results name. */
    public static final String KAFKA_DESCRIPTION = "eventcontracts.kafka.description";

    /** The endpoints as properties, in a stable order; absent services are left out. */
    public Map<String, String> asProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(AMQP_URI, amqpUri);
        properties.put(ADMIN_URI, adminUri);
        if (registryUri != null) {
            properties.put(REGISTRY_URI, registryUri);
        }
        if (kafkaBootstrap != null) {
            properties.put(KAFKA_BOOTSTRAP, kafkaBootstrap);
        }
        if (kafkaDescription != null) {
            properties.put(KAFKA_DESCRIPTION, kafkaDescription);
        }
        return properties;
    }

    /** Writes {@code key=value} lines (no timestamp comment, so the file is stable), replacing any old file. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write("# Written by event-contracts:start; removed by event-contracts:stop.\n");
            for (Map.Entry<String, String> e : asProperties().entrySet()) {
                out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace(":", "\\:") + "\n");
            }
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
