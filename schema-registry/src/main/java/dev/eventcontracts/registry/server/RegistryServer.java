package dev.eventcontracts.registry.server;

import dev.eventcontracts.registry.server.ccompat.CcompatApi;
import dev.eventcontracts.registry.server.internal.ApicurioApi;
import dev.eventcontracts.registry.server.internal.Deadlines;
import dev.eventcontracts.registry.server.internal.RequestHandler;
import dev.eventcontracts.registry.store.RegistryStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of the embedded registry: Apicurio REST v2 under {@code /apis/registry/v2} and
 * the Confluent-compatible subset under {@code /apis/ccompat/v7}, over one {@link RegistryStore}.
 * Netty reads and writes on one I/O thread; complete requests go to a pool of request threads, so a
 * client that stalls mid-request holds a socket (for a bounded time, see {@link ServerLimits}) and
 * never a request thread.
 */
public final class RegistryServer implements AutoCloseable {

    private static final int MAX_LINE_AND_HEADERS = 16 * 1024;

    private final Channel channel;
    private final ChannelGroup connections;
    private final EventLoopGroup io;
    private final EventExecutorGroup workers;

    private RegistryServer(Channel channel, ChannelGroup connections, EventLoopGroup io, EventExecutorGroup workers) {
        this.channel = channel;
        this.connections = connections;
        this.io = io;
        this.workers = workers;
    }

    /**
     * Binds and starts a server with the default timeouts.
     *
     * @param address where to listen; port 0 picks a free port
     * @param threads request-handling threads
     * @param maxBodyBytes larger request bodies get 413
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static RegistryServer start(RegistryStore store, InetSocketAddress address, int threads, long maxBodyBytes) {
        return start(store, address, ServerLimits.DEFAULTS.withThreads(threads).withMaxBodyBytes(maxBodyBytes));
    }

    /**
     * Binds and starts a server.
     *
     * @param address where to listen; port 0 picks a free port
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static RegistryServer start(RegistryStore store, InetSocketAddress address, ServerLimits limits) {
        String name = "registry-http-" + address.getPort();
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(name + "-io", true), NioIoHandler.newFactory());
        EventExecutorGroup workers =
                new DefaultEventExecutorGroup(limits.threads(), new DefaultThreadFactory(name + "-worker", true));
        ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
        RequestHandler handler = new RequestHandler(
                List.of(new ApicurioApi(store, limits.maxBodyBytes()), new CcompatApi(store, limits.maxBodyBytes())));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        Deadlines deadlines =
                                new Deadlines(limits.idleTimeout(), limits.headerTimeout(), limits.requestTimeout());
                        ch.pipeline()
                                .addLast(deadlines.bytes())
                                .addLast(new HttpServerCodec(MAX_LINE_AND_HEADERS, MAX_LINE_AND_HEADERS, 8192))
                                .addLast(deadlines.messages())
                                .addLast(new RequestHandler.BodyLimit(handler, (int) limits.maxBodyBytes()))
                                .addLast(workers, handler);
                    }
                });
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bind.cause();
            throw new UncheckedIOException(
                    "Cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + cause.getMessage()
                            + "). Choose another port, or 0 for a free one.",
                    cause instanceof IOException io1 ? io1 : new IOException(cause));
        }
        return new RegistryServer(bind.channel(), connections, io, workers);
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS); // before the threads they use stop
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
