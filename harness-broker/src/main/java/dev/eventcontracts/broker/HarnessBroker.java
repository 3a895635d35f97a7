package dev.eventcontracts.broker;

import dev.eventcontracts.broker.amqp.connection.AmqpChannelInitializer;
import dev.eventcontracts.broker.amqp.connection.AmqpConnectionHandler;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.core.VirtualHost;
import dev.eventcontracts.broker.store.InMemoryMessageStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory AMQP 0-9-1 broker that behaves like RabbitMQ, for builds and tests.
 *
 * <pre>{@code
 * try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
 *     ConnectionFactory factory = new ConnectionFactory();
 *     factory.setUri(broker.amqpUri());
 *     ...
 * }
 * }</pre>
 *
 * <p>All connections of one broker share a single event-loop thread that also owns the broker
 * state, so state changes are serialized without locks. Brokers share nothing: any number can run
 * in one JVM.
 */
public final class HarnessBroker implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final int requestedPort;
    private final String bindAddress;
    private final Map<String, String> users;
    private final String firstUser;
    private final int heartbeatSeconds;
    private final Set<AmqpConnectionHandler> openConnections = new HashSet<>();
    private EventLoopGroup group;
    private EventLoop loop;
    private Channel serverChannel;
    private int port = -1;
    private boolean closed;

    private HarnessBroker(Builder b) {
        this.requestedPort = b.port;
        this.bindAddress = b.bindAddress;
        Map<String, String> u = new LinkedHashMap<>(b.users);
        if (u.isEmpty()) {
            u.put("guest", "guest");
        }
        this.users = Map.copyOf(u);
        this.firstUser = u.keySet().iterator().next();
        this.heartbeatSeconds = b.heartbeatSeconds;
    }

    /** A builder with the defaults: free port on 127.0.0.1, user guest/guest, heartbeat 60 s. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the AMQP port and starts accepting connections.
     *
     * @return this broker
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public synchronized HarnessBroker start() {
        if (group != null || closed) {
            throw new IllegalStateException("HarnessBroker.start() was already called; build a new broker instead");
        }
        group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("harness-broker", true), NioIoHandler.newFactory());
        loop = group.next();
        VirtualHost vhost = new VirtualHost(
                "/", loop, System::nanoTime, System::currentTimeMillis, new InMemoryMessageStore(), new Random());
        ConnectionSettings settings = ConnectionSettings.defaults(users, heartbeatSeconds);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .childHandler(new AmqpChannelInitializer(settings, vhost, openConnections));
        ChannelFuture bind = bootstrap.bind(bindAddress, requestedPort).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            group = null;
            closed = true;
            Throwable cause = bind.cause();
            throw new UncheckedIOException(new IOException(
                    "Harness broker cannot bind AMQP port '" + bindAddress + ":" + requestedPort + "': "
                            + cause.getMessage()
                            + ". Choose a free port, or port 0 to let the system pick one.",
                    cause));
        }
        serverChannel = bind.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return this;
    }

    /** {@code amqp://user:password@host:port} with the first configured user's credentials. */
    public URI amqpUri() {
        requireStarted();
        Map.Entry<String, String> user = Map.entry(firstUser, users.get(firstUser));
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return URI.create("amqp://" + encode(user.getKey()) + ":" + encode(user.getValue()) + "@" + host + ":" + port);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The bound AMQP port. */
    public int port() {
        requireStarted();
        return port;
    }

    /** The address the AMQP port is bound to. */
    public String bindAddress() {
        return bindAddress;
    }

    private void requireStarted() {
        if (port < 0) {
            throw new IllegalStateException("HarnessBroker is not started; call start() first");
        }
    }

    /**
     * Stops accepting connections, closes every client connection with 320 CONNECTION_FORCED
     * (waiting briefly for the clients' close-ok) and releases the thread. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (group == null) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        List<ChannelFuture> closing = new ArrayList<>();
        try {
            loop.submit(() -> {
                        for (AmqpConnectionHandler c : new ArrayList<>(openConnections)) {
                            c.forceClose();
                            closing.add(c.closeFuture());
                        }
                    })
                    .get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
            for (ChannelFuture f : closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through to shutting the loop down, which closes every socket
        }
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    /** Configures a {@link HarnessBroker}. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private final Map<String, String> users = new LinkedHashMap<>();
        private int heartbeatSeconds = 60;

        private Builder() {}

        /** The AMQP port; 0 (default) picks a free one. */
        public Builder amqpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "amqpPort '" + port + "' is out of range; use 0..65535 (0 = free port)");
            }
            this.port = port;
            return this;
        }

        /** The address to bind; default {@code 127.0.0.1} (loopback only, like RabbitMQ's guest user). */
        public Builder bindAddress(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("bindAddress must be a host name or IP address, e.g. '127.0.0.1'");
            }
            this.bindAddress = host;
            return this;
        }

        /** Adds a user; without any, guest/guest is accepted. The first user appears in {@link #amqpUri()}. */
        public Builder user(String name, String password) {
            if (name == null || name.isEmpty() || password == null) {
                throw new IllegalArgumentException(
                        "user needs a non-empty name and a password, got name '" + name + "'");
            }
            users.put(name, password);
            return this;
        }

        /** Heartbeat interval the server suggests, in seconds; 0 disables; default 60. */
        public Builder heartbeatSeconds(int s) {
            if (s < 0 || s > 65535) {
                throw new IllegalArgumentException("heartbeatSeconds '" + s + "' is out of range; use 0..65535");
            }
            this.heartbeatSeconds = s;
            return this;
        }

        /** A broker with this configuration, not yet started. */
        public HarnessBroker build() {
            return new HarnessBroker(this);
        }
    }
}
