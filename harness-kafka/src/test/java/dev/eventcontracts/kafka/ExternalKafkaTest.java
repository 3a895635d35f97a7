package dev.eventcontracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** External mode, with an embedded broker standing in for the team's real cluster. */
@Timeout(120)
class ExternalKafkaTest {

    private static EmbeddedKafka cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafka.startDefault();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void connect_toARunningCluster_usesItsBootstrap_andNamesItAsExternal() {
        try (KafkaCluster external = ExternalKafka.orEmbedded(cluster.bootstrapServers(), Duration.ofSeconds(10))) {
            assertThat(external).isInstanceOf(ExternalKafka.class);
            assertThat(external.bootstrapServers()).isEqualTo(cluster.bootstrapServers());
            assertThat(external.description()).isEqualTo("external Kafka at " + cluster.bootstrapServers());
        }
    }

    @Test
    void runTopics_areRunUnique_andDeletedAfterwards() {
        KafkaCluster external = ExternalKafka.connect(cluster.bootstrapServers(), Duration.ofSeconds(10));
        String firstName;
        String secondName;
        try (RunTopics first = external.runTopics("ec-run1");
                RunTopics second = external.runTopics("ec-run2")) {
            firstName = first.create("orders.placed", 2);
            secondName = second.create("orders.placed", 2);
            assertThat(firstName).isEqualTo("orders.placed.ec-run1");
            assertThat(secondName).isEqualTo("orders.placed.ec-run2");
            assertThat(first.existing()).contains(firstName, secondName);
        }
        try (RunTopics probe = external.runTopics("ec-probe")) {
            // deletion is committed by the controller; the broker's metadata follows within milliseconds
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(probe.existing()).doesNotContain(firstName, secondName));
        }
    }

    @Test
    void connect_whereNoBrokerListens_failsFastNamingTheValueAndTheProperty() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> ExternalKafka.connect(bootstrap, Duration.ofSeconds(2)))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessageContaining("'" + bootstrap + "'")
                .hasMessageContaining("eventcontracts.kafka.bootstrap")
                .hasMessageContaining("unset eventcontracts.kafka.bootstrap");
    }

    @Test
    void orEmbedded_withoutBootstrap_startsAnEmbeddedBroker() {
        try (KafkaCluster started = ExternalKafka.orEmbedded(" ", Duration.ofSeconds(10))) {
            assertThat(started).isInstanceOf(EmbeddedKafka.class);
            assertThat(started.bootstrapServers()).isNotEqualTo(cluster.bootstrapServers());
        }
    }

    @Test
    void topicName_withIllegalCharacters_isRejectedNamingIt() {
        try (RunTopics topics = cluster.runTopics("ec-x")) {
            assertThatThrownBy(() -> topics.name("orders/placed"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'orders/placed.ec-x'");
        }
        assertThatThrownBy(() -> cluster.runTopics("bad id")).hasMessageContaining("'bad id'");
    }
}
