package dev.eventcontracts.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.GetResponse;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * amqps and SASL EXTERNAL. Harness-only: the local RabbitMQ oracle has no TLS listener and no
 * {@code rabbitmq_auth_mechanism_ssl}, so these cannot run against it (the EXTERNAL refusal on a
 * plain port is compared with RabbitMQ in {@code ExternalMechanismConformanceTest}).
 */
class TlsTest {
    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir, "app", "stranger");
    }

    private static ConnectionFactory factory(String host, int port) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        return f;
    }

    /** An amqps factory that verifies the server certificate and presents {@code clientCn}'s, if not null. */
    private static ConnectionFactory tlsFactory(HarnessBroker broker, String clientCn) throws Exception {
        ConnectionFactory f = factory("127.0.0.1", broker.amqpsPort());
        f.useSslProtocol(pki.clientContext(clientCn));
        f.enableHostnameVerification();
        return f;
    }

    private static HarnessBroker.Builder tlsBroker() {
        return HarnessBroker.builder().tls(pki.serverKeyStore(), TestPki.PASSWORD);
    }

    @Test
    void amqps_publishAndConsume_withAVerifiedServerCertificate_nextToTheUnchangedPlainPort() throws Exception {
        try (HarnessBroker broker = tlsBroker().build().start();
                Connection tls = tlsFactory(broker, null).newConnection();
                Connection plain = factory("127.0.0.1", broker.port()).newConnection()) {
            assertThat(broker.amqpsPort()).isNotEqualTo(broker.port());
            assertThat(broker.amqpsUri()).hasToString("amqps://guest:guest@127.0.0.1:" + broker.amqpsPort());
            assertThat(broker.amqpUri()).hasToString("amqp://guest:guest@127.0.0.1:" + broker.port());

            Channel ch = tls.createChannel();
            ch.queueDeclare("secure", false, false, false, null);
            BlockingQueue<String> received = new ArrayBlockingQueue<>(2);
            ch.basicConsume(
                    "secure",
                    true,
                    (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
                    tag -> {});
            ch.basicPublish("", "secure", null, "over tls".getBytes(StandardCharsets.UTF_8));
            plain.createChannel().basicPublish("", "secure", null, "over tcp".getBytes(StandardCharsets.UTF_8));
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("over tls");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("over tcp");
        }
    }

    @Test
    void restart_bindsTheAmqpsPortAgain_andATlsClientReconnectsToItsDurableQueue() throws Exception {
        try (HarnessBroker broker = tlsBroker().build().start()) {
            int amqps = broker.amqpsPort();
            try (Connection before = tlsFactory(broker, null).newConnection()) {
                Channel ch = before.createChannel();
                ch.queueDeclare("secure.durable", true, false, false, null);
                ch.confirmSelect();
                ch.basicPublish(
                        "",
                        "secure.durable",
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "kept".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(5000);
            }

            broker.restart();

            assertThat(broker.amqpsPort()).isEqualTo(amqps);
            try (Connection after = tlsFactory(broker, null).newConnection()) {
                GetResponse got = after.createChannel().basicGet("secure.durable", true);
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
                assertThat(got.getEnvelope().isRedeliver()).isTrue();
            }
        }
    }

    @Test
    void jksKeystore_worksLikePkcs12() throws Exception {
        Path jks = pki.jksCopy(pki.serverKeyStore());
        try (HarnessBroker broker = HarnessBroker.builder()
                        .tls(jks, TestPki.PASSWORD)
                        .build()
                        .start();
                Connection c = tlsFactory(broker, null).newConnection()) {
            assertThat(c.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
        }
    }

    @Test
    void withoutTls_thereIsNoAmqpsPort_andThePlainDefaultsStay() {
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            assertThat(broker.tlsEnabled()).isFalse();
            assertThat(broker.amqpUri()).hasToString("amqp://guest:guest@127.0.0.1:" + broker.port());
            assertThatThrownBy(broker::amqpsPort)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no amqps port; configure TLS with Builder.tls(keyStore, password)");
        }
    }

    @Test
    void unusableStores_areRefusedByBuild_namingTheFileTheOptionAndTheFix() throws Exception {
        Path keyStore = pki.serverKeyStore();
        assertThatThrownBy(() -> HarnessBroker.builder().tls(keyStore, "wrong").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TLS keystore '" + keyStore + "' (--tls-keystore): the password is wrong")
                .hasMessageEndingWith("give the password the keystore was created with in --tls-keystore-password");
        Path missing = dir.resolve("nope.p12");
        assertThatThrownBy(() -> HarnessBroker.builder().tls(missing, "x").build())
                .hasMessage("TLS keystore '" + missing + "' (--tls-keystore) does not exist or is not a file;"
                        + " give the path of a PKCS12 (.p12) or JKS file");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
        assertThatThrownBy(() -> HarnessBroker.builder().tls(garbage, "x").build())
                .hasMessageStartingWith("TLS keystore '" + garbage + "' (--tls-keystore)");
        assertThatThrownBy(() -> HarnessBroker.builder()
                        .tls(pki.trustStore(), TestPki.PASSWORD)
                        .build())
                .hasMessageStartingWith(
                        "TLS keystore '" + pki.trustStore() + "' (--tls-keystore) holds no private key");
        assertThatThrownBy(() -> tlsBroker()
                        .tlsClientCertificates(pki.trustStore(), "wrong", true)
                        .build())
                .hasMessageStartingWith(
                        "TLS truststore '" + pki.trustStore() + "' (--tls-truststore): the password is wrong");
        assertThatThrownBy(() -> HarnessBroker.builder()
                        .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, true)
                        .build())
                .hasMessage("tlsClientCertificates(...) (--tls-truststore) needs TLS: also call tls(keyStore, password)"
                        + " (--tls-keystore FILE)");
    }

    @Test
    void plaintextClientOnTheTlsPort_isDropped_withoutHurtingOtherConnections() throws Exception {
        try (HarnessBroker broker = tlsBroker().build().start();
                Connection tls = tlsFactory(broker, null).newConnection()) {
            Channel ch = tls.createChannel();
            ch.queueDeclare("still-fine", false, false, false, null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", broker.amqpsPort()), 2000);
                raw.setSoTimeout(5000);
                raw.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
                raw.getOutputStream().flush();
                assertThat(readUntilClosed(raw.getInputStream())).isTrue();
            }
            assertThatThrownBy(() -> factory("127.0.0.1", broker.amqpsPort()).newConnection())
                    .isInstanceOf(IOException.class);
            ch.basicPublish("", "still-fine", null, new byte[] {7});
            assertThat(ch.basicGet("still-fine", true).getBody()).containsExactly(7);
            assertThat(tls.isOpen()).isTrue();
        }
    }

    /** True when the server closes the socket (EOF or reset) before the read timeout. */
    private static boolean readUntilClosed(InputStream in) {
        try {
            while (in.read() != -1) {
                // a TLS alert or nothing at all; the point is that the socket closes
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void requiredClientCertificate_missing_failsOnlyThatHandshake() throws Exception {
        try (HarnessBroker broker = tlsBroker()
                        .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, true)
                        .build()
                        .start();
                Connection withCertificate = tlsFactory(broker, "stranger").newConnection()) {
            Channel ch = withCertificate.createChannel(); // PLAIN guest/guest; the certificate only opens the door
            ch.queueDeclare("before-and-after", false, false, false, null);
            assertThatThrownBy(() -> tlsFactory(broker, null).newConnection())
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(causes(e))
                            .anyMatch(c ->
                                    c instanceof javax.net.ssl.SSLException || c instanceof java.net.SocketException));
            ch.basicPublish("", "before-and-after", null, new byte[] {9});
            assertThat(ch.basicGet("before-and-after", true).getBody()).containsExactly(9);
        }
    }

    private static java.util.List<Throwable> causes(Throwable t) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    @Test
    void external_logsInAsTheCertificateCn_whosePermissionsApply() throws Exception {
        try (HarnessBroker broker = tlsBroker()
                        .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, false)
                        .user("admin", "pw")
                        .userWithoutPassword("app")
                        .permissions("app", "^app\\..*", "^(app\\..*|amq\\.default)$", "^app\\..*")
                        .build()
                        .start();
                Connection c = external(broker, "app").newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("app.orders", false, false, false, null);
            ch.basicPublish("", "app.orders", null, new byte[] {1});
            assertThat(ch.basicGet("app.orders", true)).isNotNull();
            assertThatThrownBy(() -> c.createChannel().queueDeclare("billing", false, false, false, null))
                    .hasStackTraceContaining("reply-code=403")
                    .hasStackTraceContaining(
                            "ACCESS_REFUSED - access to queue 'billing' in vhost '/' refused for user 'app'");
            ConnectionFactory plain = tlsFactory(broker, "app");
            plain.setUsername("app");
            plain.setPassword("");
            assertThatThrownBy(plain::newConnection)
                    .as("a certificate-only user has no password to log in with")
                    .isInstanceOf(AuthenticationFailureException.class);
        }
    }

    private static ConnectionFactory external(HarnessBroker broker, String clientCn) throws Exception {
        ConnectionFactory f = tlsFactory(broker, clientCn);
        f.setSaslConfig(DefaultSaslConfig.EXTERNAL);
        return f;
    }

    @Test
    void external_withACertificateForAnUnknownUser_isRefusedWith403() throws Exception {
        try (HarnessBroker broker = tlsBroker()
                .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, true)
                .userWithoutPassword("app")
                .build()
                .start()) {
            assertThatThrownBy(() -> external(broker, "stranger").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class)
                    .hasMessage("ACCESS_REFUSED - Login was refused using authentication mechanism EXTERNAL."
                            + " For details see the broker logfile.");
            try (Connection app = external(broker, "app").newConnection()) {
                assertThat(app.isOpen()).isTrue();
            }
        }
    }

    @Test
    void external_withoutACertificate_isNotOffered_andPasswordsStillWork() throws Exception {
        try (HarnessBroker broker = tlsBroker()
                .tlsClientCertificates(pki.trustStore(), TestPki.PASSWORD, false)
                .user("app", "right")
                .build()
                .start()) {
            assertThatThrownBy(() -> external(broker, null).newConnection())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(
                            "No compatible authentication mechanism found - server offered [PLAIN AMQPLAIN]");
            ConnectionFactory wrong = tlsFactory(broker, null);
            wrong.setUsername("app");
            wrong.setPassword("wrong");
            assertThatThrownBy(wrong::newConnection)
                    .isInstanceOf(AuthenticationFailureException.class)
                    .hasMessageContaining("Login was refused using authentication mechanism PLAIN");
            ConnectionFactory right = tlsFactory(broker, null);
            right.setUsername("app");
            right.setPassword("right");
            try (Connection c = right.newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
        }
    }
}
