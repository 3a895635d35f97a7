package dev.eventcontracts.registry;

import dev.eventcontracts.registry.server.RegistryServer;
import dev.eventcontracts.registry.server.ServerLimits;
import dev.eventcontracts.registry.store.RegistryStore;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An Apicurio-compatible schema registry inside the JVM: Apicurio REST v2 at {@link #uri()} (what
 * {@code apicurio-registry-client} takes) and the Confluent-compatible API at {@link #ccompatUri()},
 * on the loopback interface, backed by memory or by a file store.
 *
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Path.of("src/main/registry")).build().start()) {
 *     RegistryClient client = RegistryClientFactory.create(registry.uri().toString());
 * }
 * }</pre>
 */
public final class EmbeddedRegistry implements AutoCloseable {

    private final int requestedPort;
    private final Path storage;
    private final ServerLimits limits;
    private RegistryStore store;
    private RegistryServer server;
    private boolean closed;

    private EmbeddedRegistry(Builder builder) {
        this.requestedPort = builder.port;
        this.storage = builder.storage;
        this.limits = builder.limits;
    }

    /** A builder: port 0 (a free port), in-memory storage. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the storage and starts listening.
     *
     * @throws UncheckedIOException if the port cannot be bound
     * @throws dev.eventcontracts.registry.store.RegistryException if the file store cannot be read
     */
    public synchronized EmbeddedRegistry start() {
        if (closed) {
            throw new IllegalStateException("This registry was closed; build a new one.");
        }
        if (server != null) {
            return this;
        }
        RegistryStore opened = storage == null ? RegistryStore.inMemory() : RegistryStore.open(storage);
        try {
            server = RegistryServer.start(
                    opened, new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), limits);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        store = opened;
        return this;
    }

    /** The Apicurio REST v2 base, {@code http://127.0.0.1:<port>/apis/registry/v2}. */
    public URI uri() {
        return URI.create(base() + "/apis/registry/v2");
    }

    /** The Confluent-compatible base, {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public URI ccompatUri() {
        return URI.create(base() + "/apis/ccompat/v7");
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The registry is not started; call start() first.");
        }
        return server.port();
    }

    /** The store behind the server, for direct access in the same JVM. */
    public synchronized RegistryStore store() {
        if (store == null) {
            throw new IllegalStateException("The registry is not started; call start() first.");
        }
        return store;
    }

    /** Stops the server and closes the storage; calling it again does nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private String base() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    /** Options of an {@link EmbeddedRegistry}; every one has a default. */
    public static final class Builder {
        private int port;
        private Path storage;
        private ServerLimits limits = ServerLimits.DEFAULTS;

        private Builder() {}

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "Port " + port + " is out of range; use 0 to 65535 (0 = a free port).");
            }
            this.port = port;
            return this;
        }

        /** A file-store directory (created if missing); without it the registry lives in memory. */
        public Builder storage(Path directory) {
            this.storage = directory;
            return this;
        }

        /** Request-handling threads (default 8). */
        public Builder threads(int threads) {
            this.limits = limits.withThreads(threads);
            return this;
        }

        /** The largest request body accepted (default 4 MiB); larger ones get 413. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.limits = limits.withMaxBodyBytes(maxBodyBytes);
            return this;
        }

        /**
         * How long a connection may sit idle between requests (default 60 s), take to send a
         * request's headers (10 s) and a whole request (30 s); past a limit the connection is closed,
         * with a 408 for an unfinished request.
         */
        public Builder timeouts(Duration idle, Duration headers, Duration request) {
            this.limits = limits.withTimeouts(idle, headers, request);
            return this;
        }

        public EmbeddedRegistry build() {
            return new EmbeddedRegistry(this);
        }
    }
}
