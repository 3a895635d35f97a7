package dev.eventcontracts.broker.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness's rabbitmqctl: output shapes and exit codes (the close itself: ConnectionControlConformanceTest). */
class CtlTest {
    private HarnessBroker broker;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        broker = HarnessBroker.builder().build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private int ctl(String... args) {
        return Ctl.run(
                args,
                Map.of(Ctl.ADMIN_ENV, broker.adminUri().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listQueues_printsNameAndMessages_tabSeparated() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("ctl-orders", false, false, false, null);
            ch.basicPublish("", "ctl-orders", null, new byte[] {1});
            ch.basicPublish("", "ctl-orders", null, new byte[] {2});
            ch.queueDeclarePassive("ctl-orders"); // round trip: both publishes are routed
            assertThat(ctl("-n", "rabbit@localhost", "-q", "list_queues", "name", "messages"))
                    .isZero();
            assertThat(out()).contains("ctl-orders\t2\n");
        }
    }

    @Test
    void setUserTags_isVisibleInTheAdminApi() throws Exception {
        assertThat(ctl("-q", "set_user_tags", "guest", "administrator", "impersonator"))
                .isZero();
        String user = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(broker.adminUri().resolve("/api/users/guest"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(user).contains("[\"administrator\",\"impersonator\"]");
    }

    @Test
    void listConnections_quiet_withNoConnections_printsNothing() {
        assertThat(ctl("-q", "list_connections")).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void stopApp_restartsTheBroker_andReturnsWhenItAcceptsConnections() {
        assertThat(ctl("-q", "stop_app")).isZero();
        assertThat(broker.restarts()).isEqualTo(1);
        assertThat(ctl("-q", "start_app")).isZero();
    }

    @Test
    void unknownCommand_exits64_withUsage() {
        assertThat(ctl("add_user", "bob", "secret")).isEqualTo(Ctl.EX_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("command 'add_user' is not supported")
                .contains("usage:");
    }

    @Test
    void refusedRequest_exits70_withTheApisAnswer() {
        assertThat(ctl("close_connection", "127.0.0.1:1 -> 127.0.0.1:2", "bye")).isEqualTo(Ctl.EX_SOFTWARE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("404").contains("no connection");
    }

    @Test
    void unreachableAdminApi_exits69_andNamesTheFix() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        int code = Ctl.run(
                new String[] {"--admin", "http://127.0.0.1:" + freePort, "list_connections"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Ctl.EX_UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--admin").contains(Ctl.ADMIN_ENV);
    }

    @Test
    void setPolicy_withADefinitionThatIsNotJson_exits64() {
        assertThat(ctl("set_policy", "ttl", "^q", "{not json")).isEqualTo(Ctl.EX_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not JSON");
    }
}
