package dev.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall mid-request hold a socket for a bounded time and never a request thread:
 * a valid request is answered at once while a dozen of them stall, and each stalled one is closed
 * (with a 408) when its deadline passes.
 */
class SlowClientTest {

    private final List<Socket> stalled = new ArrayList<>();
    private EmbeddedRegistry registry;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aDozenStalledClients_withOneRequestThread_validRequestAnsweredWithinFiveSeconds() throws IOException {
        registry = EmbeddedRegistry.builder().threads(1).build().start();
        stallTwelve();

        long start = System.nanoTime();
        Http.Reply reply = new Http(registry.uri()).get("/admin/rules");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void stalledClients_pastTheirDeadlines_get408AndAreClosed() throws IOException {
        registry = EmbeddedRegistry.builder()
                .timeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(800))
                .build()
                .start();
        stallTwelve();
        Socket idle = connect();

        for (Socket socket : stalled) {
            String answer = readUntilClosed(socket);
            if (socket != idle) {
                assertThat(answer).startsWith("HTTP/1.1 408").contains("RequestTimeoutException");
            } else {
                assertThat(answer).isEmpty();
            }
        }
        assertThat(new Http(registry.uri()).get("/admin/rules").status()).isEqualTo(200);
    }

    /** Six clients stop inside their headers, six send a Content-Length larger than their body. */
    private void stallTwelve() throws IOException {
        for (int i = 0; i < 6; i++) {
            send(connect(), "GET /apis/registry/v2/admin/rules HTTP/1.1\r\nHost: x\r\nAccept: app");
            send(
                    connect(),
                    "POST /apis/registry/v2/groups/g/artifacts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"type\":");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), registry.port());
        socket.setSoTimeout(10_000);
        stalled.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server did not close a stalled connection within 10 s; read: " + text, e);
        }
        return text.toString();
    }
}
