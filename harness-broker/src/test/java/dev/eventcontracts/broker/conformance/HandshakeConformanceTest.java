package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.LongStringHelper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void serverProperties_advertiseRabbitCapabilities(Target t) throws Exception {
        Connection c = open(t);
        @SuppressWarnings("unchecked")
        Map<String, Object> caps = (Map<String, Object>) c.getServerProperties().get("capabilities");
        assertThat(caps)
                .containsEntry("publisher_confirms", true)
                .containsEntry("basic.nack", true)
                .containsEntry("consumer_cancel_notify", true)
                .containsEntry("exchange_exchange_bindings", true)
                .containsEntry("per_consumer_qos", true)
                .containsEntry("authentication_failure_close", true);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void wrongPassword_isRefusedWith403(Target t) throws Exception {
        open(t);
        ConnectionFactory f = t.factory();
        f.setPassword("wrong");
        assertThatThrownBy(f::newConnection)
                .isInstanceOf(AuthenticationFailureException.class)
                .hasMessage(
                        "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unknownVhost_isRefusedWith530(Target t) throws Exception {
        open(t);
        ConnectionFactory f = t.factory();
        f.setVirtualHost("ec-nope");
        assertThatThrownBy(f::newConnection)
                .hasRootCauseInstanceOf(ShutdownSignalException.class)
                .satisfies(e -> {
                    Throwable root = e;
                    while (!(root instanceof ShutdownSignalException)) {
                        root = root.getCause();
                    }
                    var close =
                            (com.rabbitmq.client.AMQP.Connection.Close) ((ShutdownSignalException) root).getReason();
                    assertThat(close.getReplyCode()).isEqualTo(530);
                    assertThat(close.getReplyText()).isEqualTo("NOT_ALLOWED - vhost ec-nope not found");
                });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void amqplainMechanism_isAccepted(Target t) throws Exception {
        open(t);
        ConnectionFactory f = t.factory();
        f.setSaslConfig(new AmqPlain(f.getUsername(), f.getPassword()));
        try (Connection c = f.newConnection()) {
            assertThat(c.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
        }
    }

    /** The AMQPLAIN mechanism: a field table without its length prefix holding LOGIN and PASSWORD. */
    private record AmqPlain(String user, String password) implements SaslConfig, SaslMechanism {
        @Override
        public SaslMechanism getSaslMechanism(String[] mechanisms) {
            return Arrays.asList(mechanisms).contains("AMQPLAIN") ? this : null;
        }

        @Override
        public String getName() {
            return "AMQPLAIN";
        }

        @Override
        public LongString handleChallenge(LongString challenge, String username, String pw) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                field(out, "LOGIN", user);
                field(out, "PASSWORD", password);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return LongStringHelper.asLongString(bytes.toByteArray());
        }

        private static void field(DataOutputStream out, String key, String value) throws java.io.IOException {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            out.writeByte(k.length);
            out.write(k);
            out.writeByte('S');
            out.writeInt(v.length);
            out.write(v);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void wrongProtocolHeader_isAnsweredWithOursAndClosed(Target t) throws Exception {
        open(t);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(t.uri().getHost(), t.uri().getPort()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
            byte[] reply = new DataInputStream(s.getInputStream()).readNBytes(8);
            assertThat(reply).isEqualTo(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            assertThat(new RawAmqp(s.getInputStream(), s.getOutputStream()).readUntilClosed())
                    .as("the server closed the socket")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void clientHeartbeats_keepAnIdleConnectionOpen(Target t) throws Exception {
        open(t);
        ConnectionFactory f = t.factory();
        f.setRequestedHeartbeat(1);
        try (Connection c = f.newConnection()) {
            assertThat(c.getHeartbeat()).isEqualTo(1);
            var ch = c.createChannel();
            org.awaitility.Awaitility.await()
                    .pollDelay(java.time.Duration.ofMillis(3500))
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(c::isOpen);
            assertThat(ch.queueDeclare().getQueue()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void missedClientHeartbeats_closeTheSocket(Target t) throws Exception {
        open(t);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(t.uri().getHost(), t.uri().getPort()), 2000);
            s.setSoTimeout(10_000);
            RawAmqp raw = new RawAmqp(s.getInputStream(), s.getOutputStream());
            raw.handshake(1);
            long start = System.nanoTime();
            assertThat(raw.readUntilClosed()).as("the server closed the socket").isTrue();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(seconds).isBetween(1L, 9L);
        }
    }

    /** Just enough of the client side of the handshake over a raw socket. */
    static final class RawAmqp {
        private final DataInputStream in;
        private final OutputStream out;

        RawAmqp(InputStream in, OutputStream out) {
            this.in = new DataInputStream(in);
            this.out = out;
        }

        void handshake(int heartbeat) throws Exception {
            out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            readFrame(); // start
            ByteArrayOutputStream startOk = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(startOk);
            d.writeShort(10);
            d.writeShort(11);
            d.writeInt(0); // client properties
            d.writeByte(5);
            d.write("PLAIN".getBytes(StandardCharsets.US_ASCII));
            byte[] resp = "\0guest\0guest".getBytes(StandardCharsets.US_ASCII);
            d.writeInt(resp.length);
            d.write(resp);
            d.writeByte(5);
            d.write("en_US".getBytes(StandardCharsets.US_ASCII));
            writeFrame(1, 0, startOk.toByteArray());
            readFrame(); // tune
            ByteArrayOutputStream tuneOk = new ByteArrayOutputStream();
            DataOutputStream t = new DataOutputStream(tuneOk);
            t.writeShort(10);
            t.writeShort(31);
            t.writeShort(2047);
            t.writeInt(131072);
            t.writeShort(heartbeat);
            writeFrame(1, 0, tuneOk.toByteArray());
            ByteArrayOutputStream open = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(open);
            o.writeShort(10);
            o.writeShort(40);
            o.writeByte(1);
            o.write('/');
            o.writeByte(0);
            o.writeByte(0);
            writeFrame(1, 0, open.toByteArray());
            readFrame(); // open-ok (heartbeats may come later)
        }

        void writeFrame(int type, int channel, byte[] payload) throws Exception {
            DataOutputStream d = new DataOutputStream(out);
            d.writeByte(type);
            d.writeShort(channel);
            d.writeInt(payload.length);
            d.write(payload);
            d.writeByte(0xCE);
            d.flush();
        }

        /** Reads one frame and returns {type, channel, payload...} packed as its payload with type first. */
        byte[] readFrame() throws Exception {
            int type = in.readUnsignedByte();
            in.readUnsignedShort();
            int size = in.readInt();
            byte[] payload = in.readNBytes(size);
            in.readUnsignedByte();
            byte[] result = new byte[payload.length + 1];
            result[0] = (byte) type;
            System.arraycopy(payload, 0, result, 1, payload.length);
            return result;
        }

        /** Reads frames until EOF (true) or a read timeout (false). */
        boolean readUntilClosed() {
            try {
                while (in.read() != -1) {
                    // drain heartbeats and anything else
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (java.io.IOException e) {
                return true;
            }
        }
    }
}
