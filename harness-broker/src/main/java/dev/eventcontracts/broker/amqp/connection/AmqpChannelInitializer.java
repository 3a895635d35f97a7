package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.Set;

/** Sets up the pipeline of an accepted socket: frame decoder, then the connection handler. */
public final class AmqpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Set<AmqpConnectionHandler> openConnections;

    /** An initializer for connections to {@code vhost}. */
    public AmqpChannelInitializer(
            ConnectionSettings settings, VirtualHost vhost, Set<AmqpConnectionHandler> openConnections) {
        this.settings = settings;
        this.vhost = vhost;
        this.openConnections = openConnections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("frames", new FrameDecoder(settings.frameMax()))
                .addLast("amqp", new AmqpConnectionHandler(settings, vhost, openConnections));
    }
}
