package dev.eventcontracts.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessEnvironmentTest {

    @TempDir
    Path target;

    private EnvironmentConfig config() {
        return new EnvironmentConfig(target, target.resolve("target"), null, null, null, null, null);
    }

    /** Sends the AMQP 0-9-1 protocol header and reads the first frame type: 1 is the broker's Connection.Start. */
    private static int firstFrameType(URI amqp) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(amqp.getHost(), amqp.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            InputStream in = socket.getInputStream();
            return in.read();
        }
    }

    @Test
    void start_brokerSpeaksAmqpOnAFreePortAndEndpointsAreWritten() throws IOException {
        try (HarnessEnvironment environment = HarnessEnvironment.start(config())) {
            URI amqp = URI.create(environment.endpoints().amqpUri());
            assertThat(amqp.getScheme()).isEqualTo("amqp");
            assertThat(amqp.getHost()).isEqualTo("127.0.0.1");
            assertThat(amqp.getPort()).isPositive();
            assertThat(firstFrameType(amqp)).isEqualTo(1);

            Properties written = new Properties();
            try (Reader in = Files.newBufferedReader(
                    target.resolve("target/event-contracts/endpoints.properties"), StandardCharsets.UTF_8)) {
                written.load(in);
            }
            assertThat(written)
                    .containsEntry(Endpoints.AMQP_URI, environment.endpoints().amqpUri());
            assertThat(written)
                    .containsEntry(
                            Endpoints.REGISTRY_URI, environment.endpoints().registryUri());
            assertThat(written.getProperty(Endpoints.ADMIN_URI)).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(environment.endpoints().registryUri()).matches("http://127\\.0\\.0\\.1:\\d+/apis/registry/v2");
        }
    }

    @Test
    void close_isIdempotentStopsTheBrokerAndRemovesTheEndpointsFile() throws Exception {
        HarnessEnvironment environment = HarnessEnvironment.start(config());
        URI amqp = URI.create(environment.endpoints().amqpUri());

        environment.close();
        environment.close();

        assertThat(environment.isClosed()).isTrue();
        assertThat(environment.awaitClose(1, TimeUnit.SECONDS)).isTrue();
        assertThat(target.resolve("target/event-contracts/endpoints.properties"))
                .doesNotExist();
        assertThatThrownBy(() -> firstFrameType(amqp)).isInstanceOf(IOException.class);
    }

    @Test
    void start_twoEnvironmentsInOneJvm_eachGetsItsOwnBroker() throws IOException {
        try (HarnessEnvironment a = HarnessEnvironment.start(
                        new EnvironmentConfig(target, target.resolve("a"), null, null, null, null, null));
                HarnessEnvironment b = HarnessEnvironment.start(
                        new EnvironmentConfig(target, target.resolve("b"), null, null, null, null, null))) {
            assertThat(a.endpoints().amqpUri()).isNotEqualTo(b.endpoints().amqpUri());
            assertThat(firstFrameType(URI.create(a.endpoints().amqpUri()))).isEqualTo(1);
            assertThat(firstFrameType(URI.create(b.endpoints().amqpUri()))).isEqualTo(1);
        }
    }

    @Test
    void start_staleEndpointsFileOfAKilledBuild_isReplaced() throws IOException {
        Path stale = target.resolve("target/event-contracts/endpoints.properties");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "eventcontracts.amqp.uri=amqp\\://127.0.0.1\\:1\n");

        try (HarnessEnvironment environment = HarnessEnvironment.start(config())) {
            assertThat(Files.readString(stale)).doesNotContain("127.0.0.1\\:1\n");
        }
    }

    @Test
    void start_portTaken_failsNamingThePortAndTheFix() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EnvironmentConfig config = new EnvironmentConfig(
                    target, target.resolve("target"), taken.getLocalPort(), null, null, null, null);

            assertThatThrownBy(() -> HarnessEnvironment.start(config))
                    .isInstanceOf(UserProblemException.class)
                    .hasMessageStartingWith("Cannot start the harness broker on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith("Use <amqpPort>0</amqpPort> (a free port, the default) or free the port.");
        }
    }

    @Test
    void config_portOutOfRange_namesThePomElement() {
        assertThatThrownBy(() -> new EnvironmentConfig(target, target.resolve("target"), 70000, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value '70000' for <amqpPort> (-Deventcontracts.amqpPort): use 0 for a free port"
                        + " (the default) or a port between 1 and 65535.");
    }

    @Test
    void start_registryServesACopyOfTheCommittedFileStore() throws Exception {
        Path committed = target.resolve("src/main/registry");
        try (var store = dev.eventcontracts.registry.gateway.SchemaRegistry.fileStore(committed)) {
            store.register(
                    "shop.OrderPlaced",
                    new org.apache.avro.Schema.Parser()
                            .parse(
                                    "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"shop\",\"fields\":[]}"));
        }
        try (HarnessEnvironment environment = HarnessEnvironment.start(config());
                var remote = dev.eventcontracts.registry.gateway.SchemaRegistry.remote(
                        dev.eventcontracts.registry.gateway.RemoteRegistryConfig.of(
                                URI.create(environment.endpoints().registryUri())))) {
            assertThat(remote.history("shop.OrderPlaced")).hasSize(1);
            remote.register(
                    "shop.Other",
                    new org.apache.avro.Schema.Parser()
                            .parse("{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"shop\",\"fields\":[]}"));
        }
        try (var store = dev.eventcontracts.registry.gateway.SchemaRegistry.fileStore(committed)) {
            assertThat(store.history("shop.Other"))
                    .as("the committed store is never written")
                    .isEmpty();
        }
    }

    @Test
    void start_withoutRegistry_exportsOnlyTheBroker() throws IOException {
        try (HarnessEnvironment environment = HarnessEnvironment.start(
                new EnvironmentConfig(target, target.resolve("target"), null, null, false, null, null))) {
            assertThat(environment.endpoints().registryUri()).isNull();
            assertThat(environment.endpoints().asProperties())
                    .containsOnlyKeys(Endpoints.AMQP_URI, Endpoints.ADMIN_URI);
        }
    }
}
