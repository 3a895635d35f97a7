package dev.eventcontracts.broker;

import dev.eventcontracts.broker.amqp.connection.AmqpChannelInitializer;
import dev.eventcontracts.broker.amqp.connection.AmqpConnectionHandler;
import dev.eventcontracts.broker.amqp.connection.ConnectionSettings;
import dev.eventcontracts.broker.amqp.connection.ListenerLimits;
import dev.eventcontracts.broker.amqp.connection.ServerTls;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The AMQP port and, with TLS, the amqps port of one broker: binding them at start, binding them
 * again to the same numbers after a restart, and the client connections they accepted.
 */
final class AmqpListeners {
    private final EventLoopGroup group;
    private final String bindAddress;
    private final ConnectionSettings settings;
    private final ListenerLimits limits;
    private final ServerTls tls;
    /** The open client connections of both ports; changed on the broker's thread only. */
    private final Set<AmqpConnectionHandler> openConnections = new HashSet<>();

    private Channel plain;
    private Channel secure;
    private int port = -1;
    private int amqpsPort = -1;

    /** {@code tls} null: the plain port only. */
    AmqpListeners(
            EventLoopGroup group,
            String bindAddress,
            ConnectionSettings settings,
            ListenerLimits limits,
            ServerTls tls) {
        this.group = group;
        this.bindAddress = bindAddress;
        this.settings = settings;
        this.limits = limits;
        this.tls = tls;
    }

    /**
     * Binds the ports asked for (0 = free) for connections to {@code vhost}.
     *
     * @throws UncheckedIOException naming the address, the port and the fix; ports bound so far
     *     stay bound until {@link #stopAccepting()}
     */
    void bind(VirtualHost vhost, int requestedPort, int requestedAmqpsPort) {
        ChannelFuture bind = bindPlain(vhost, requestedPort);
        if (!bind.isSuccess()) {
            throw bindFailure("AMQP", requestedPort, bind.cause(), "");
        }
        plain = bind.channel();
        port = ((InetSocketAddress) plain.localAddress()).getPort();
        if (tls != null) {
            ChannelFuture tlsBind = bindSecure(vhost, requestedAmqpsPort);
            if (!tlsBind.isSuccess()) {
                throw bindFailure("amqps", requestedAmqpsPort, tlsBind.cause(), "");
            }
            secure = tlsBind.channel();
            amqpsPort = ((InetSocketAddress) secure.localAddress()).getPort();
        }
    }

    /**
     * Binds the same port numbers again after a restart, for connections to {@code vhost}; retries
     * briefly if the old sockets still hold them.
     */
    void rebind(VirtualHost vhost) {
        plain = rebind(() -> bindPlain(vhost, port), "AMQP", port);
        if (tls != null) {
            secure = rebind(() -> bindSecure(vhost, amqpsPort), "amqps", amqpsPort);
        }
    }

    /** Stops accepting connections (the open ones stay). */
    void stopAccepting() {
        if (plain != null) {
            plain.close().awaitUninterruptibly();
        }
        if (secure != null) {
            secure.close().awaitUninterruptibly();
        }
    }

    /**
     * Closes every client connection with 320 CONNECTION_FORCED; runs on the broker's thread.
     *
     * @return the connections' close futures, for {@link #awaitClosed}
     */
    List<ChannelFuture> forceCloseConnections() {
        List<ChannelFuture> futures = new ArrayList<>();
        for (AmqpConnectionHandler c : new ArrayList<>(openConnections)) {
            c.forceClose();
            futures.add(c.closeFuture());
        }
        return futures;
    }

    /** Waits, {@code millis} at most in all, for the clients' close-ok. */
    static void awaitClosed(List<ChannelFuture> closing, long millis) {
        if (closing == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    /** The bound AMQP port, -1 before {@link #bind}. */
    int port() {
        return port;
    }

    /** The bound amqps port, -1 without TLS or before {@link #bind}. */
    int amqpsPort() {
        return amqpsPort;
    }

    /** Forgets the port numbers (a start failed). */
    void reset() {
        port = -1;
    }

    private ChannelFuture bindPlain(VirtualHost v, int amqpPort) {
        return bootstrap(new AmqpChannelInitializer(settings, v, openConnections, limits))
                .bind(bindAddress, amqpPort)
                .awaitUninterruptibly();
    }

    private ChannelFuture bindSecure(VirtualHost v, int tlsPort) {
        return bootstrap(new AmqpChannelInitializer(settings, v, openConnections, tls, limits))
                .bind(bindAddress, tlsPort)
                .awaitUninterruptibly();
    }

    private ServerBootstrap bootstrap(AmqpChannelInitializer initializer) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .childHandler(initializer);
    }

    private Channel rebind(Supplier<ChannelFuture> binder, String what, int boundPort) {
        ChannelFuture bind = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            bind = binder.get();
            if (bind.isSuccess()) {
                return bind.channel();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw bindFailure(
                what,
                boundPort,
                bind.cause(),
                " again after a restart",
                ". Another process took the port while the broker restarted; use a port nobody else binds.");
    }

    private UncheckedIOException bindFailure(String what, int requested, Throwable cause, String when) {
        return bindFailure(what, requested, cause, when, ". Choose a free port, or port 0 to let the system pick one.");
    }

    private UncheckedIOException bindFailure(String what, int requested, Throwable cause, String when, String fix) {
        return new UncheckedIOException(new IOException(
                "Harness broker cannot bind " + what + " port '" + bindAddress + ":" + requested + "'" + when + ": "
                        + (cause == null ? "interrupted" : cause.getMessage())
                        + fix,
                cause));
    }
}
