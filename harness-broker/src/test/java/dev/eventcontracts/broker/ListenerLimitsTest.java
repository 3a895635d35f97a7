package dev.eventcontracts.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone flags {@code --handshake-timeout} and {@code --max-sockets}, end to end on real sockets. */
class ListenerLimitsTest {

    @Test
    void handshakeTimeoutFlag_closesASilentSocketAfterThatManySeconds() throws Exception {
        try (HarnessBroker broker = Main.parse(new String[] {"--amqp-port", "0", "--handshake-timeout", "1"})
                        .build()
                        .start();
                Socket silent = connect(broker)) {
            long start = System.nanoTime();
            assertClosedByServer(silent);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
        }
    }

    @Test
    void maxSocketsFlag_closesASocketOverTheLimit_andAcceptsAgainWhenOneCloses() throws Exception {
        try (HarnessBroker broker = Main.parse(new String[] {"--amqp-port", "0", "--max-sockets", "2"})
                .build()
                .start()) {
            Socket first = connect(broker);
            try (Socket second = connect(broker);
                    Socket third = connect(broker)) {
                assertClosedByServer(third);
                assertThat(second.isClosed()).isFalse();
            }
            first.close();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.amqpUri());
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection connection = newConnectionWhenASlotIsFree(factory)) {
                assertThat(connection.isOpen()).isTrue();
            }
        }
    }

    @Test
    void badFlagValues_areRefusedNamingTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Main.parse(new String[] {"--handshake-timeout", "ten"}))
                .hasMessageContaining("--handshake-timeout 'ten'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.parse(new String[] {"--max-sockets", "-1"}))
                .hasMessageContaining("maxSockets '-1'");
    }

    /** The server notices the two closed sockets asynchronously: retry until one slot is free. */
    private static Connection newConnectionWhenASlotIsFree(ConnectionFactory factory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return factory.newConnection();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static Socket connect(HarnessBroker broker) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read())
                    .as("end of stream: the server closed the socket")
                    .isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the socket open for 5 s", e);
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
    }
}
