package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.admin.definitions.Accounts;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin HTTP server of one broker. Its sockets live on the broker's single event loop, so each
 * request is handled on the thread that owns the virtual host, without locks.
 */
public final class AdminServer {
    private static final int MAX_BODY = 1024 * 1024;

    private final Channel serverChannel;
    private final int port;
    private final List<Map<String, Object>> listeners;
    private final ApiHolder holder;
    private final Accounts accounts;

    /** The API requests go to; replaced when the broker restarts. Read and written on the loop. */
    private static final class ApiHolder {
        AdminApi api;
    }

    private AdminServer(
            Channel serverChannel, List<Map<String, Object>> listeners, ApiHolder holder, Accounts accounts) {
        this.accounts = accounts;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        this.listeners = listeners;
        this.holder = holder;
    }

    /**
     * Binds the admin port on {@code group} (which must have one thread, the virtual host's).
     *
     * @throws UncheckedIOException naming the address when the port cannot be bound
     */
    public static AdminServer start(
            EventLoopGroup group, String bindAddress, int port, VirtualHost vhost, int amqpPort) {
        return start(group, bindAddress, port, vhost, amqpPort, Accounts.NONE);
    }

    /**
     * Binds the admin port, with the broker's users and permissions for {@code /api/definitions}.
     *
     * @throws UncheckedIOException naming the address when the port cannot be bound
     */
    public static AdminServer start(
            EventLoopGroup group, String bindAddress, int port, VirtualHost vhost, int amqpPort, Accounts accounts) {
        Map<String, Object> amqp = new LinkedHashMap<>();
        amqp.put("node", "harness@localhost");
        amqp.put("protocol", "amqp");
        amqp.put("ip_address", bindAddress);
        amqp.put("port", amqpPort);
        List<Map<String, Object>> listeners = List.of(amqp);
        ApiHolder holder = new ApiHolder();
        holder.api = new AdminApi(vhost.admin(), System::nanoTime, listeners, accounts);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new Handler(holder));
                    }
                });
        ChannelFuture bind = bootstrap.bind(bindAddress, port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new UncheckedIOException(new IOException(
                    "Harness broker cannot bind admin port '" + bindAddress + ":" + port + "': "
                            + bind.cause().getMessage() + ". Choose a free port, or port 0 to let the system pick one.",
                    bind.cause()));
        }
        return new AdminServer(bind.channel(), listeners, holder, accounts);
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /**
     * Serves {@code vhost} from now on (the broker restarted); rates start afresh. Call on the
     * broker's thread.
     */
    public void switchTo(VirtualHost vhost) {
        holder.api = new AdminApi(vhost.admin(), System::nanoTime, listeners, accounts);
    }

    /** Stops accepting admin requests. */
    public void close() {
        serverChannel.close().awaitUninterruptibly();
    }

    /** Decodes one request, lets {@link AdminApi} answer it, encodes the response. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ApiHolder holder;

        Handler(ApiHolder holder) {
            this.holder = holder;
        }

        private static Map<String, String> headers(FullHttpRequest req) {
            Map<String, String> headers = new LinkedHashMap<>();
            req.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
            return headers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            Map<String, String> query = new LinkedHashMap<>();
            uri.parameters().forEach((k, v) -> query.put(k, v.get(0)));
            String rawPath =
                    req.uri().contains("?") ? req.uri().substring(0, req.uri().indexOf('?')) : req.uri();
            AdminApi.Response r = holder.api.handle(new AdminApi.Request(
                    req.method().name(), rawPath, query, ByteBufUtil.getBytes(req.content()), headers(req)));
            FullHttpResponse res = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            HttpUtil.setContentLength(res, r.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            ChannelFuture f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
