package dev.eventcontracts.kafka.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Listener sockets bound before the broker starts, so a free port (port 0) is known when the
 * configuration needs it: the controller's address goes into {@code controller.quorum.voters}
 * before the controller listens. The broker takes each socket over when it opens its listener;
 * {@link #closeUnused()} closes the ones it never took.
 */
public final class PreboundSockets implements ServerSocketFactory {

    private final Map<String, ServerSocketChannel> byListener = new HashMap<>();
    private final Map<String, Boolean> taken = new HashMap<>();

    /** Binds a socket for {@code listener} on {@code address} (port 0 = a free port) and returns the bound port. */
    public synchronized int bind(String listener, InetSocketAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketFactory.INSTANCE.openServerSocket(listener, address, -1, -1);
        byListener.put(listener, channel);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public synchronized ServerSocketChannel openServerSocket(
            String listenerName, InetSocketAddress socketAddress, int listenBacklogSize, int recvBufferSize)
            throws IOException {
        ServerSocketChannel channel = byListener.get(listenerName);
        if (channel != null && channel.isOpen() && !taken.containsKey(listenerName)) {
            taken.put(listenerName, true);
            return channel;
        }
        return ServerSocketFactory.INSTANCE.openServerSocket(
                listenerName, socketAddress, listenBacklogSize, recvBufferSize);
    }

    /** Closes the sockets no listener took (after a failed start). */
    public synchronized void closeUnused() {
        byListener.forEach((listener, channel) -> {
            if (!taken.containsKey(listener)) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing listens on it; the port is released with the JVM at the latest
                }
            }
        });
    }
}
