package dev.eventcontracts.junit.jupiter;

import dev.eventcontracts.kafka.EmbeddedKafka;
import dev.eventcontracts.kafka.ExternalKafka;
import dev.eventcontracts.kafka.KafkaCluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka cluster a Kafka consumer's scenarios run on: the one {@code
 * eventcontracts.kafka.bootstrap} names — the embedded broker the plugin's {@code start} goal
 * started (its endpoints file says so) or an external cluster — or, without the property, an
 * embedded broker of the test's own (a generated test run from the IDE).
 *
 * @param cluster the cluster
 * @param description how results and reports name it
 * @param kind {@code embedded-kafka} or {@code external-kafka}
 * @param owned true when the test started it and must stop it
 */
record KafkaTarget(KafkaCluster cluster, String description, String kind, boolean owned) {

    /** The key under which the plugin's {@code start} goal writes the started Kafka's description. */
    static final String DESCRIPTION_KEY = "eventcontracts.kafka.description";

    static KafkaTarget resolve(String bootstrap, Path endpointsFile) throws IOException {
        if (bootstrap == null || bootstrap.isBlank()) {
            EmbeddedKafka kafka = EmbeddedKafka.startDefault();
            return new KafkaTarget(kafka, kafka.description(), "embedded-kafka", true);
        }
        ExternalKafka cluster = ExternalKafka.connect(bootstrap.trim(), Duration.ofSeconds(15));
        String description = cluster.description();
        if (Files.isRegularFile(endpointsFile)) {
            Properties endpoints = new Properties();
            try (Reader in = Files.newBufferedReader(endpointsFile)) {
                endpoints.load(in);
            }
            String started = endpoints.getProperty(DESCRIPTION_KEY);
            if (started != null && bootstrap.trim().equals(endpoints.getProperty(KafkaCluster.BOOTSTRAP_PROPERTY))) {
                description = started;
            }
        }
        String kind = description.startsWith("embedded") ? "embedded-kafka" : "external-kafka";
        return new KafkaTarget(cluster, description, kind, false);
    }
}
