package dev.eventcontracts.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EmbeddedKafkaTest {

    @Test
    void start_givesLoopbackBootstrap_andProducedRecordIsConsumed() {
        try (EmbeddedKafka kafka = EmbeddedKafka.startDefault();
                RunTopics topics = kafka.runTopics(RunTopics.newRunId())) {
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(kafka.description())
                    .startsWith("embedded Kafka 4.")
                    .endsWith("(KRaft) at " + kafka.bootstrapServers());
            String topic = topics.create("orders", 3);

            KafkaClients.send(kafka.bootstrapServers(), topic, "order-1", "placed".getBytes(UTF_8));

            List<ConsumerRecord<String, byte[]>> records =
                    KafkaClients.read(kafka.bootstrapServers(), topic, 1, Duration.ofSeconds(30));
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("order-1");
                assertThat(new String(r.value(), UTF_8)).isEqualTo("placed");
            });
        }
    }

    @Test
    void close_releasesThePort_andDeletesTheLogDirectory() throws IOException {
        EmbeddedKafka kafka = EmbeddedKafka.startDefault();
        int port = port(kafka.bootstrapServers());
        Path directory = kafka.directory();
        assertThat(directory).isDirectory();

        kafka.close();
        kafka.close();

        assertThat(directory).doesNotExist();
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(kafka::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void twoInstancesInOneJvm_haveTheirOwnPortsAndTopics() {
        try (EmbeddedKafka first = EmbeddedKafka.startDefault();
                EmbeddedKafka second = EmbeddedKafka.startDefault();
                RunTopics firstTopics = first.runTopics(RunTopics.newRunId())) {
            assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
            assertThat(first.directory()).isNotEqualTo(second.directory());
            String topic = firstTopics.create("only-on-first", 1);
            KafkaClients.send(first.bootstrapServers(), topic, "k", new byte[] {1});

            try (RunTopics secondTopics = second.runTopics("probe")) {
                assertThat(secondTopics.existing()).doesNotContain(topic);
            }
            assertThat(KafkaClients.read(first.bootstrapServers(), topic, 1, Duration.ofSeconds(30)))
                    .hasSize(1);
        }
    }

    @Test
    void start_onATakenPort_failsNamingThePortAndTheFix() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            EmbeddedKafka kafka =
                    EmbeddedKafka.builder().port(taken.getLocalPort()).build();

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(KafkaStartException.class)
                    .hasMessageContaining("bind the broker listener on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Use port 0")
                    .hasMessageContaining("eventcontracts.kafka.bootstrap");
            assertThat(kafka.directory()).doesNotExist();
            kafka.close();
        }
    }

    static int port(String bootstrap) {
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }
}
