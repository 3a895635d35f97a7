package dev.eventcontracts.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/connections} and {@code /api/users} (harness only: the oracle has no management plugin). */
class ConnectionControlApiTest {
    private HarnessBroker broker;
    private AdminClient admin;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger connectionsLogger = Logger.getLogger("dev.eventcontracts.broker.connections");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        broker = HarnessBroker.builder().build().start();
        admin = new AdminClient(broker.adminUri());
        connectionsLogger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        connectionsLogger.removeHandler(capture);
        broker.close();
    }

    private Connection connect(String name) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection(name);
    }

    private JsonNode connectionNamed(String clientName) {
        for (JsonNode c : admin.getJson("/api/connections")) {
            if (clientName.equals(
                    c.path("client_properties").path("connection_name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no connection with connection_name '" + clientName + "'");
    }

    private int delete(String path, String reason) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(broker.adminUri() + path)).DELETE();
        if (reason != null) {
            b.header("X-Reason", reason);
        }
        return HttpClient.newHttpClient()
                .send(b.build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static String path(String connectionName) {
        return "/api/connections/"
                + URLEncoder.encode(connectionName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void listing_hasRabbitMqNamePeerAndClientProperties() throws Exception {
        try (Connection c = connect("orders-service")) {
            JsonNode json = connectionNamed("orders-service");
            int localPort = ((com.rabbitmq.client.impl.NetworkConnection) c).getLocalPort();
            assertThat(json.get("name").asText())
                    .isEqualTo("127.0.0.1:" + localPort + " -> 127.0.0.1:" + broker.port());
            assertThat(json.get("peer_port").asInt()).isEqualTo(localPort);
            assertThat(json.get("peer_host").asText()).isEqualTo("127.0.0.1");
            assertThat(json.get("user").asText()).isEqualTo("guest");
            assertThat(json.path("client_properties").path("product").asText()).isEqualTo("RabbitMQ");
            assertThat(json.path("client_properties")
                            .path("capabilities")
                            .path("basic.nack")
                            .asBoolean())
                    .isTrue();
            assertThat(admin.getJson(path(json.get("name").asText()))
                            .get("peer_port")
                            .asInt())
                    .isEqualTo(localPort);
        }
    }

    @Test
    void delete_closesWith320AndTheXReason_andLogsIt() throws Exception {
        Connection c = connect("doomed");
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        String name = connectionNamed("doomed").get("name").asText();

        assertThat(delete(path(name), "maintenance window")).isEqualTo(204);

        AMQP.Connection.Close close =
                (AMQP.Connection.Close) closed.get(5, TimeUnit.SECONDS).getReason();
        assertThat(close.getReplyCode()).isEqualTo(320);
        assertThat(close.getReplyText()).isEqualTo("CONNECTION_FORCED - maintenance window");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> logged.stream()
                        .anyMatch(r -> r.getMessage().contains("connection='" + name + "'")
                                && r.getMessage().contains("code=320")
                                && r.getMessage().contains("reason='CONNECTION_FORCED - maintenance window'")));
    }

    @Test
    void delete_withoutXReason_usesRabbitMqsDefault_andUnknownIs404() throws Exception {
        Connection c = connect("plain");
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        c.addShutdownListener(closed::complete);
        assertThat(delete(path(connectionNamed("plain").get("name").asText()), null))
                .isEqualTo(204);
        assertThat(((AMQP.Connection.Close) closed.get(5, TimeUnit.SECONDS).getReason()).getReplyText())
                .isEqualTo("CONNECTION_FORCED - Closed via management plugin");
        assertThat(delete(path("127.0.0.1:1 -> 127.0.0.1:2"), null)).isEqualTo(404);
    }

    @Test
    void socketClosedByTheClient_isLogged() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            s.getInputStream().read(); // connection.start arrived
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        logged.stream().anyMatch(r -> r.getMessage().contains("reason='client closed the socket'")));
    }

    @Test
    void impersonatorTag_allowsAForeignUserId_untilRemoved() throws Exception {
        assertThat(admin.getJson("/api/users/guest").get("tags").toString()).isEqualTo("[\"administrator\"]");
        assertThat(admin.put("/api/users/guest", "{\"tags\":\"administrator,impersonator\"}")
                        .status())
                .isEqualTo(204);
        try (Connection c = connect("impersonating")) {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish(
                    "", q, new AMQP.BasicProperties.Builder().userId("orders").build(), new byte[0]);
            assertThat(ch.basicGet(q, true).getProps().getUserId()).isEqualTo("orders");

            assertThat(admin.put("/api/users/guest", "{\"tags\":[\"administrator\"]}")
                            .status())
                    .isEqualTo(204);
            ch.basicPublish(
                    "", q, new AMQP.BasicProperties.Builder().userId("orders").build(), new byte[0]);
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            ch.addShutdownListener(closed::complete);
            assertThat(((AMQP.Channel.Close) closed.get(5, TimeUnit.SECONDS).getReason()).getReplyCode())
                    .isEqualTo(406);
        }
    }

    @Test
    void putUser_withAPassword_isRefusedWithTheFix() {
        AdminClient.Reply r = admin.put("/api/users/guest", "{\"password\":\"x\",\"tags\":\"\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("send only 'tags'");
    }
}
