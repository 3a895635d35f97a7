package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.Set;

/** Sets up the pipeline of an accepted socket: TLS (amqps only), frame decoder, then the connection handler. */
public final class AmqpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Set<AmqpConnectionHandler> openConnections;
    private final ServerTls tls;

    /** An initializer for connections to {@code vhost}. */
    public AmqpChannelInitializer(
            ConnectionSettings settings, VirtualHost vhost, Set<AmqpConnectionHandler> openConnections) {
        this.settings = settings;
        this.vhost = vhost;
        this.openConnections = openConnections;
        this.tls = null;
    }

    /** An initializer for amqps connections to {@code vhost}: TLS first, then AMQP. */
    public AmqpChannelInitializer(
            ConnectionSettings settings, VirtualHost vhost, Set<AmqpConnectionHandler> openConnections, ServerTls tls) {
        this.settings = settings;
        this.vhost = vhost;
        this.openConnections = openConnections;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, openConnections));
    }
}
