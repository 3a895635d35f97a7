package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import dev.eventcontracts.broker.conformance.RawClient.Payload;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Close codes for method frames that do not decode, a body larger than its header declared, and
 * unfinished handshakes, as RabbitMQ 3.10.8 answers them (issue 19). A bystander connection keeps
 * working throughout.
 */
class HostileInputConformanceTest extends ConformanceBase {

    @FunctionalInterface
    private interface Abuse {
        void send(RawClient raw) throws Exception;
    }

    private void expectClose(Target t, int code, Abuse abuse) throws Exception {
        Channel bystander = channel(t);
        String q = bystander.queueDeclare().getQueue();
        try (RawClient raw = new RawClient(t.uri()).open(0)) {
            abuse.send(raw);
            RawClient.Close close = raw.awaitConnectionClose();
            assertThat(close).as("connection.close from the server").isNotNull();
            assertThat(close.code()).as("reply code, text: %s", close.text()).isEqualTo(code);
        }
        bystander.basicPublish("", q, null, new byte[] {42});
        assertThat(bystander.basicGet(q, true).getBody()).containsExactly(42);
    }

    private static Payload queueDeclareHead(String name) throws Exception {
        return new Payload().method(50, 10).u16(0).shortStr(name).u8(0);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void fieldTableLongerThanTheFrame_is501(Target t) throws Exception {
        byte[] payload = queueDeclareHead("ec-robust-table")
                .u32(100)
                .raw(new byte[] {1, 'k', 't', 1})
                .bytes();
        expectClose(t, 501, raw -> raw.frame(1, 1, payload));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodFrameShorterThanItsIds_is501(Target t) throws Exception {
        expectClose(t, 501, raw -> raw.frame(1, 1, new Payload().u16(50).bytes()));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodArgumentsTruncated_is501(Target t) throws Exception {
        expectClose(
                t,
                501,
                raw -> raw.frame(1, 1, new Payload().method(50, 10).u8(0).bytes()));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void methodWithTrailingBytes_is501(Target t) throws Exception {
        expectClose(
                t,
                501,
                raw -> raw.frame(
                        1,
                        1,
                        new Payload().method(20, 40).raw(new byte[] {1, 2, 3}).bytes()));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void bodyLargerThanDeclared_keepsTheConnection_nextMethodIs505(Target t) throws Exception {
        byte[] publish = new Payload()
                .method(60, 40)
                .u16(0)
                .shortStr("")
                .shortStr("ec-robust-nowhere")
                .u8(0)
                .bytes();
        expectClose(t, 505, raw -> {
            raw.frame(1, 1, publish);
            raw.frame(2, 1, new Payload().u16(60).u16(0).u64(3).u16(0).bytes());
            raw.frame(3, 1, new byte[10]); // 7 bytes more than declared: not a close yet
            raw.frame(1, 1, publish);
        });
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unfinishedHandshakes_areClosedAfterTheHandshakeTimeout(Target t) throws Exception {
        channel(t); // skips the oracle when RabbitMQ is unreachable
        long start = System.nanoTime();
        try (Socket silent = connect(t);
                Socket halfHeader = connect(t);
                Socket headerOnly = connect(t)) {
            halfHeader.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P'});
            headerOnly.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            for (Socket socket : new Socket[] {silent, halfHeader, headerOnly}) {
                drainUntilClosed(socket);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took)
                .as("closed around the 10 s handshake timeout")
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
    }

    private static Socket connect(Target t) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(t.uri().getHost(), t.uri().getPort()), 2000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void drainUntilClosed(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // connection.start for the full header; then the server closes
            }
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
    }
}
