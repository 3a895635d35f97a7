package dev.eventcontracts.broker.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A client connection as the core sees it: the owner of exclusive queues and of its channels'
 * sessions. Closing it closes the sessions (requeueing unacked deliveries) and deletes its
 * exclusive queues.
 */
public final class ClientConnection {
    /**
     * Where a connection stands in memory-alarm flow control, as RabbitMQ reports it: {@code
     * running}; {@code blocking} while the alarm is on but the connection has not published since
     * (it keeps being read, so consumers can drain); {@code blocked} once it published during the
     * alarm and the broker stopped reading from it.
     */
    public enum FlowState {
        /** Not affected by flow control. */
        RUNNING,
        /** The alarm is on; the connection will be blocked when it next publishes. */
        BLOCKING,
        /** The broker stopped reading from the connection until the alarm clears. */
        BLOCKED;

        /** The name RabbitMQ's management API uses, e.g. {@code blocked}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final VirtualHost vhost;
    private final long id;
    private final String name;
    private final long connectedAtMillis;
    private final String user;
    private final boolean consumerCancelNotify;
    private final Set<MessageQueue> exclusiveQueues = new LinkedHashSet<>();
    private final List<Session> sessions = new ArrayList<>();
    private boolean closed;
    private FlowState flowState = FlowState.RUNNING;
    private Map<String, Object> clientProperties = Map.of();
    private Consumer<String> forcedCloser = reason -> close();

    ClientConnection(
            VirtualHost vhost,
            long id,
            String name,
            String user,
            long connectedAtMillis,
            boolean consumerCancelNotify) {
        this.vhost = vhost;
        this.id = id;
        this.name = name;
        this.connectedAtMillis = connectedAtMillis;
        this.user = user;
        this.consumerCancelNotify = consumerCancelNotify;
    }

    /** The connection's id in its virtual host. */
    public long id() {
        return id;
    }

    /** The connection's name, as RabbitMQ's, e.g. {@code 127.0.0.1:50312 -> 127.0.0.1:5672}. */
    public String name() {
        return name;
    }

    /** The authenticated user name. */
    public String user() {
        return user;
    }

    /** Opens the session behind one channel. */
    public Session openSession(int channel, SessionOutput output) {
        Session s = new Session(vhost, this, channel, output);
        sessions.add(s);
        return s;
    }

    /** Records the client properties of {@code connection.start-ok}, shown by the admin API. */
    public void clientProperties(Map<String, Object> properties) {
        this.clientProperties = properties == null ? Map.of() : properties;
    }

    /**
     * How the protocol layer closes this connection with {@code 320 CONNECTION_FORCED}; it
     * receives the reason text (after {@code CONNECTION_FORCED - }).
     */
    public void onForcedClose(Consumer<String> closer) {
        this.forcedCloser = closer;
    }

    /** Closes the connection with {@code 320 CONNECTION_FORCED - reason}, as {@code rabbitmqctl close_connection}. */
    void forceClose(String reason) {
        forcedCloser.accept(reason);
    }

    /** Records the connection's flow-control state for the admin API. */
    public void flowState(FlowState state) {
        this.flowState = state;
    }

    Views.ConnectionView view() {
        return new Views.ConnectionView(
                id, name, user, connectedAtMillis, sessions.size(), flowState, clientProperties);
    }

    List<Views.ChannelView> channelViews() {
        List<Views.ChannelView> out = new ArrayList<>();
        for (Session s : sessions) {
            out.add(s.view(id, name, user));
        }
        return out;
    }

    boolean consumerCancelNotify() {
        return consumerCancelNotify;
    }

    void sessionClosed(Session s) {
        sessions.remove(s);
    }

    void ownExclusive(MessageQueue q) {
        exclusiveQueues.add(q);
    }

    void disownExclusive(MessageQueue q) {
        exclusiveQueues.remove(q);
    }

    /** Closes every session, then deletes the exclusive queues. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vhost.disconnected(this);
        for (Session s : new ArrayList<>(sessions)) {
            s.close();
        }
        for (MessageQueue q : new ArrayList<>(exclusiveQueues)) {
            vhost.deleteQueue(q);
        }
    }
}
