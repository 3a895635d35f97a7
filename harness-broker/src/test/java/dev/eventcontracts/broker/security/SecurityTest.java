package dev.eventcontracts.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SecurityTest {

    private static ConnectionFactory factory(String host, int port, String user, String password) {
        return Clients.plain(host, port, user, password);
    }

    private static Optional<String> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void passwordHash_isSaltedSha256_andOnlyTheRightPasswordMatches() {
        String a = PasswordHash.hash("s3cret");
        String b = PasswordHash.hash("s3cret");
        assertThat(a).isNotEqualTo(b).doesNotContain("s3cret");
        assertThat(java.util.Base64.getDecoder().decode(a)).hasSize(36);
        assertThat(PasswordHash.matches(a, "s3cret")).isTrue();
        assertThat(PasswordHash.matches(b, "s3cret")).isTrue();
        assertThat(PasswordHash.matches(a, "s3cret ")).isFalse();
        assertThat(PasswordHash.matches("not base64 !", "s3cret")).isFalse();
    }

    @Test
    void wrongPassword_isRefusedWith403() throws Exception {
        try (HarnessBroker broker =
                HarnessBroker.builder().user("app", "right").build().start()) {
            assertThatThrownBy(() ->
                            factory("127.0.0.1", broker.port(), "app", "wrong").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class)
                    .hasMessageContaining("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN");
            try (Connection c =
                    factory("127.0.0.1", broker.port(), "app", "right").newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
        }
    }

    @Test
    void guest_isLoopbackOnly_otherUsersMayConnectFromAnywhere() throws Exception {
        Optional<String> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        try (HarnessBroker broker =
                HarnessBroker.builder().bindAddress("0.0.0.0").build().start()) {
            try (Connection local =
                    factory("127.0.0.1", broker.port(), "guest", "guest").newConnection()) {
                assertThat(local.isOpen()).isTrue();
            }
            assertThatThrownBy(() -> factory(external.get(), broker.port(), "guest", "guest")
                            .newConnection())
                    .isInstanceOf(AuthenticationFailureException.class)
                    .hasMessageContaining("ACCESS_REFUSED");
        }
        try (HarnessBroker broker = HarnessBroker.builder()
                        .bindAddress("0.0.0.0")
                        .user("app", "pw")
                        .build()
                        .start();
                Connection remote =
                        factory(external.get(), broker.port(), "app", "pw").newConnection()) {
            assertThat(remote.isOpen()).isTrue();
        }
    }

    @Test
    void maxConnections_refusesTheNextOneWith530_untilOneCloses() throws Exception {
        try (HarnessBroker broker =
                HarnessBroker.builder().maxConnections(1).build().start()) {
            ConnectionFactory f = factory("127.0.0.1", broker.port(), "guest", "guest");
            Connection first = f.newConnection();
            assertThatThrownBy(f::newConnection)
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("reply-code=530")
                    .hasStackTraceContaining("connection limit (1) is reached");
            first.close();
            try (Connection again = f.newConnection()) {
                assertThat(again.isOpen()).isTrue();
            }
        }
    }

    @Test
    void frameMaxAndChannelMax_areNegotiated_andLargeBodiesStillFlow() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                        .frameMax(8192)
                        .channelMax(3)
                        .build()
                        .start();
                Connection c =
                        factory("127.0.0.1", broker.port(), "guest", "guest").newConnection()) {
            assertThat(c.getFrameMax()).isEqualTo(8192);
            assertThat(c.getChannelMax()).isEqualTo(3);
            Channel ch = c.createChannel();
            ch.queueDeclare("big", false, false, false, null);
            byte[] body = new byte[50_000];
            ch.basicPublish("", "big", null, body);
            assertThat(ch.basicGet("big", true).getBody()).hasSize(50_000);
        }
    }

    @Test
    void invalidLimits_areRefusedByTheBuilder() {
        assertThatThrownBy(() -> HarnessBroker.builder().frameMax(100)).hasMessageContaining("frameMax '100'");
        assertThatThrownBy(() -> HarnessBroker.builder().channelMax(0)).hasMessageContaining("channelMax '0'");
        assertThatThrownBy(() -> HarnessBroker.builder().maxConnections(-1))
                .hasMessageContaining("maxConnections '-1'");
    }

    @Test
    void permissions_limitWhatAUserMayConfigureWriteAndRead_with403() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                        .user("admin", "pw")
                        .user("app", "pw")
                        .permissions("app", "^app\\..*", "^(app\\..*|amq\\.default)$", "^app\\..*")
                        .build()
                        .start();
                Connection admin =
                        factory("127.0.0.1", broker.port(), "admin", "pw").newConnection();
                Connection app =
                        factory("127.0.0.1", broker.port(), "app", "pw").newConnection()) {
            Channel adminCh = admin.createChannel();
            adminCh.queueDeclare("other", false, false, false, null);
            adminCh.exchangeDeclare("shared", "fanout");

            Channel ch = app.createChannel();
            ch.queueDeclare("app.q", false, false, false, null);
            ch.basicPublish("", "app.q", null, new byte[] {1});
            assertThat(ch.basicGet("app.q", true)).isNotNull();

            assertThatThrownBy(() -> app.createChannel().queueDeclare("other", false, false, false, null))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("reply-code=403")
                    .hasStackTraceContaining(
                            "ACCESS_REFUSED - access to queue 'other' in vhost '/' refused for user 'app'");
            assertThatThrownBy(() -> app.createChannel().basicGet("other", true))
                    .hasStackTraceContaining("access to queue 'other' in vhost '/' refused for user 'app'");
            assertThatThrownBy(() -> app.createChannel().queueBind("app.q", "shared", ""))
                    .hasStackTraceContaining("access to exchange 'shared' in vhost '/' refused for user 'app'");
            Channel publisher = app.createChannel();
            publisher.basicPublish("shared", "", null, new byte[] {1});
            assertThatThrownBy(() -> publisher.queueDeclarePassive("app.q"))
                    .hasStackTraceContaining("access to exchange 'shared' in vhost '/' refused for user 'app'");
            assertThat(app.isOpen()).isTrue();
            assertThat(adminCh.queueDeclarePassive("other").getMessageCount()).isZero();
        }
    }

    @Test
    void permissions_forAnUnknownUserOrWithABadRegex_areRefusedByTheBuilder() {
        assertThatThrownBy(() -> HarnessBroker.builder().permissions("u", "(", ".*", ".*"))
                .hasMessageContaining("permission regex '('");
        assertThatThrownBy(() -> HarnessBroker.builder()
                        .permissions("ghost", ".*", ".*", ".*")
                        .build())
                .hasMessageContaining("permissions for user 'ghost' but no such user is configured");
    }
}
