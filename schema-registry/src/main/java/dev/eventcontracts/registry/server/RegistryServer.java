package dev.eventcontracts.registry.server;

import com.sun.net.httpserver.HttpServer;
import dev.eventcontracts.registry.server.ccompat.CcompatApi;
import dev.eventcontracts.registry.server.internal.ApicurioApi;
import dev.eventcontracts.registry.store.RegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server of the embedded registry: Apicurio REST v2 under {@code /apis/registry/v2} and
 * the Confluent-compatible subset under {@code /apis/ccompat/v7}, over one {@link RegistryStore}.
 * Uses the JDK's built-in HTTP server.
 */
public final class RegistryServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private RegistryServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts a server.
     *
     * @param address where to listen; port 0 picks a free port
     * @param threads request-handling threads
     * @param maxBodyBytes larger request bodies get 413
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static RegistryServer start(RegistryStore store, InetSocketAddress address, int threads, long maxBodyBytes) {
        disableNagle();
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage()
                            + "). Choose another port, or 0 for a free one.",
                    e);
        }
        ExecutorService executor =
                Executors.newFixedThreadPool(threads, new NamedThreads("registry-http-" + address.getPort()));
        server.setExecutor(executor);
        server.createContext("/apis/registry/v2", new ApicurioApi(store, maxBodyBytes));
        server.createContext("/apis/ccompat/v7", new CcompatApi(store, maxBodyBytes));
        server.start();
        return new RegistryServer(server, executor);
    }

    /**
     * The JDK server flushes the response headers before the body; with Nagle's algorithm on, the
     * body then waits for the client's delayed ACK (40 ms on Linux), capping a keep-alive connection
     * at about 25 requests per second. The JDK reads {@code sun.net.httpserver.nodelay} once, when
     * its first server is created; we set it unless the application chose a value.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
