package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.Set;

/**
 * Sets up the pipeline of an accepted socket: TLS (amqps only), frame decoder, handshake timeout,
 * then the connection handler; a socket over the listener's socket limit is closed at once.
 */
public final class AmqpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Set<AmqpConnectionHandler> openConnections;
    private final ServerTls tls;
    private final ListenerLimits limits;

    /** An initializer for connections to {@code vhost}. */
    public AmqpChannelInitializer(
            ConnectionSettings settings,
            VirtualHost vhost,
            Set<AmqpConnectionHandler> openConnections,
            ListenerLimits limits) {
        this(settings, vhost, openConnections, null, limits);
    }

    /** An initializer for amqps connections to {@code vhost}: TLS first, then AMQP. */
    public AmqpChannelInitializer(
            ConnectionSettings settings,
            VirtualHost vhost,
            Set<AmqpConnectionHandler> openConnections,
            ServerTls tls,
            ListenerLimits limits) {
        this.settings = settings;
        this.vhost = vhost;
        this.openConnections = openConnections;
        this.tls = tls;
        this.limits = limits;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (limits.maxSockets() > 0 && openConnections.size() >= limits.maxSockets()) {
            ch.close(); // over the socket limit: refused before any byte is read (docs/broker.md)
            return;
        }
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("handshake-timeout", new HandshakeTimeout(limits.handshakeTimeout()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, openConnections));
    }
}
