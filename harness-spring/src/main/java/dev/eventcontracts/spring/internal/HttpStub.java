package dev.eventcontracts.spring.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service's downstream HTTP services, on a free loopback port: every request gets {@code 200
 * {}} (or {@code 503} while {@link #failRequests(boolean)} is on) and answered requests are
 * recorded as effects. Uses the JDK's HTTP server so no web container joins the service's class
 * path.
 */
public final class HttpStub implements AutoCloseable {

    /** One recorded request. */
    public record Call(String method, String path, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "event-contracts-http-stub");
        t.setDaemon(true);
        return t;
    });
    private final List<Call> calls = new ArrayList<>();
    private volatile boolean failing;
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Starts the stub. */
    public HttpStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status;
        byte[] answer;
        if (failing || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
            answer = "{\"error\":\"service unavailable (injected by event-contracts)\"}"
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            answer = "{}".getBytes(StandardCharsets.UTF_8);
            synchronized (calls) {
                calls.add(new Call(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        new String(body, StandardCharsets.UTF_8)));
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers 503 to every request while {@code on}; such requests are not effects. */
    public void failRequests(boolean on) {
        failing = on;
    }

    /** Answers 503 to the next {@code n} requests, then 200 again: a transient downstream failure. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** The answered requests so far. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
