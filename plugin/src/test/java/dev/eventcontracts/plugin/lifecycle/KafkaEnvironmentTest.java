package dev.eventcontracts.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.results.KafkaConsumers;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code start} with Kafka: when it starts a broker, what it exports, and how it fails. */
@Timeout(120)
class KafkaEnvironmentTest {

    @TempDir
    Path project;

    private EnvironmentConfig config(String kafka, String bootstrap) {
        return new EnvironmentConfig(
                project, project.resolve("target"), null, null, false, null, null, null, kafka, bootstrap);
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private Properties endpointsFile() throws IOException {
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(
                project.resolve("target/event-contracts/endpoints.properties"), StandardCharsets.UTF_8)) {
            written.load(in);
        }
        return written;
    }

    @Test
    void start_kafkaTrue_startsARealBrokerAndExportsItsBootstrap() throws Exception {
        String bootstrap;
        try (HarnessEnvironment environment = HarnessEnvironment.start(config("true", null))) {
            bootstrap = environment.endpoints().kafkaBootstrap();
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(clusterId(bootstrap)).isNotBlank();
            assertThat(environment.endpoints().asProperties()).containsEntry(Endpoints.KAFKA_BOOTSTRAP, bootstrap);
            assertThat(endpointsFile()).containsEntry(Endpoints.KAFKA_BOOTSTRAP, bootstrap);
            assertThat(environment.kafkaDescription())
                    .startsWith("embedded Kafka 4.")
                    .endsWith(" at " + bootstrap);
            // the contract tests read it to name the broker in their results
            assertThat(endpointsFile()).containsEntry(Endpoints.KAFKA_DESCRIPTION, environment.kafkaDescription());
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void start_autoWithKafkaConsumersDiscovered_startsKafka() throws Exception {
        KafkaConsumers.write(
                project.resolve("target/event-contracts/" + KafkaConsumers.FILE_NAME),
                List.of("com.example.PageViews#on"));

        try (HarnessEnvironment environment = HarnessEnvironment.start(config(null, null))) {
            assertThat(environment.endpoints().kafkaBootstrap()).isNotNull();
        }
    }

    @Test
    void start_autoWithoutKafkaConsumers_startsNoKafka() throws Exception {
        try (HarnessEnvironment environment = HarnessEnvironment.start(config("auto", null))) {
            assertThat(environment.endpoints().kafkaBootstrap()).isNull();
            assertThat(environment.kafkaDescription()).isNull();
            assertThat(endpointsFile()).doesNotContainKey(Endpoints.KAFKA_BOOTSTRAP);
        }
    }

    @Test
    void start_kafkaFalse_startsNoKafkaEvenWithKafkaConsumers() throws Exception {
        KafkaConsumers.write(
                project.resolve("target/event-contracts/" + KafkaConsumers.FILE_NAME),
                List.of("com.example.PageViews#on"));

        try (HarnessEnvironment environment = HarnessEnvironment.start(config("false", null))) {
            assertThat(environment.endpoints().kafkaBootstrap()).isNull();
        }
    }

    @Test
    void start_externalBootstrap_usesThatCluster() throws Exception {
        try (HarnessEnvironment real = HarnessEnvironment.start(config("true", null))) {
            String external = real.endpoints().kafkaBootstrap();
            Path other = project.resolve("other");
            EnvironmentConfig config = new EnvironmentConfig(
                    other, other.resolve("target"), null, null, false, null, null, null, null, external);

            try (HarnessEnvironment environment = HarnessEnvironment.start(config)) {
                assertThat(environment.endpoints().kafkaBootstrap()).isEqualTo(external);
                assertThat(environment.kafkaDescription()).isEqualTo("external Kafka at " + external);
            }
            assertThat(clusterId(external))
                    .as("closing does not stop an external cluster")
                    .isNotBlank();
        }
    }

    @Test
    void start_externalBootstrapUnresolvable_failsNamingTheValueAndStopsWhatStarted() {
        // an unresolvable host fails at once; a silent port is covered by ExternalKafkaTest (harness-kafka)
        String bootstrap = "no-such-kafka.invalid:9092";

        assertThatThrownBy(() -> HarnessEnvironment.start(config("auto", bootstrap)))
                .isInstanceOf(UserProblemException.class)
                .hasMessageContaining("'" + bootstrap + "'")
                .hasMessageContaining("eventcontracts.kafka.bootstrap");
        assertThat(project.resolve("target/event-contracts/endpoints.properties"))
                .doesNotExist();
    }

    @Test
    void config_unknownKafkaMode_namesThePomElementAndTheChoices() {
        assertThatThrownBy(() -> config("sometimes", null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'sometimes'")
                .hasMessageContaining("<kafka>")
                .hasMessageContaining("-Deventcontracts.kafka")
                .hasMessageContaining("auto");
    }
}
