package dev.eventcontracts.broker.amqp.connection;

import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_OPEN;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_OPEN_OK;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_START_OK;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_TUNE;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_TUNE_OK;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.InboundFrame;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import dev.eventcontracts.broker.core.AmqpException;
import dev.eventcontracts.broker.core.ClientConnection;
import dev.eventcontracts.broker.core.VirtualHost;
import java.util.Map;
import java.util.Optional;

/**
 * The connection negotiation after the protocol header, as RabbitMQ runs it: {@code start} /
 * {@code start-ok} (login, see {@link Handshake}), {@code tune} / {@code tune-ok} (frame and
 * channel limits, heartbeat), {@code open} / {@code open-ok} (vhost, connection limit). Runs on
 * the virtual host's thread; the Netty side of each step is {@link AmqpConnectionHandler}'s.
 */
final class Negotiation {
    /** Where the negotiation stands. */
    enum Step {
        AWAIT_HEADER,
        AWAIT_START_OK,
        AWAIT_TUNE_OK,
        AWAIT_OPEN,
        DONE
    }

    private final AmqpConnectionHandler connection;
    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Handshake handshake;
    private Step step = Step.AWAIT_HEADER;
    private Optional<String> certificateUser = Optional.empty();
    private ClientConnection client;

    Negotiation(AmqpConnectionHandler connection, ConnectionSettings settings, VirtualHost vhost) {
        this.connection = connection;
        this.settings = settings;
        this.vhost = vhost;
        this.handshake = new Handshake(settings);
    }

    /** The protocol header was accepted: sends {@code connection.start}. */
    void start(Optional<String> verifiedCertificateUser) {
        step = Step.AWAIT_START_OK;
        certificateUser = verifiedCertificateUser;
        connection.sendMethod(0, handshake.start(certificateUser.isPresent()));
    }

    /** The client connection, once logged in (null before). */
    ClientConnection client() {
        return client;
    }

    /**
     * One frame during the negotiation; returns true when it opened the connection. Refusals
     * throw {@link AmqpException} (the caller closes the connection) or close the socket.
     */
    boolean onFrame(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.Method mf) || frame.channel() != 0) {
            throw AmqpException.of(
                    AmqpException.COMMAND_INVALID, "expected a connection method on channel 0 during the handshake");
        }
        AmqpMethod m = mf.method();
        connection.inMethod(m);
        switch (step) {
            case AWAIT_START_OK -> {
                expect(m, CONNECTION_START_OK);
                onStartOk(m);
            }
            case AWAIT_TUNE_OK -> {
                expect(m, CONNECTION_TUNE_OK);
                onTuneOk(m.integer("channel-max"), m.integer("frame-max") & 0xFFFFFFFFL, m.integer("heartbeat"));
                step = Step.AWAIT_OPEN;
            }
            case AWAIT_OPEN -> {
                expect(m, CONNECTION_OPEN);
                onOpen(m.string("virtual-host"));
                step = Step.DONE;
                return true;
            }
            default -> throw new IllegalStateException("handshake frame in state " + step);
        }
        return false;
    }

    private void onStartOk(AmqpMethod m) {
        String user;
        try {
            user = handshake.authenticate(m, connection.fromLoopback(), certificateUser);
        } catch (Handshake.MechanismNotOfferedException e) {
            connection.dropSocket(e.getMessage()); // as RabbitMQ: no connection.close, the socket just closes
            return;
        }
        String mechanism = m.string("mechanism");
        if (user == null && !announcesCapability(m, "authentication_failure_close")) {
            // as RabbitMQ: only a client that announced authentication_failure_close gets a 403
            connection.dropSocket("login refused for mechanism " + mechanism + " (no authentication_failure_close)");
            return;
        }
        if (user == null) {
            connection.closeConnection(
                    AmqpException.ACCESS_REFUSED,
                    "ACCESS_REFUSED - Login was refused using authentication mechanism " + mechanism
                            + ". For details see the broker logfile.",
                    0,
                    0);
            return;
        }
        client = vhost.connect(user, handshake.clientWantsCancelNotify(m), connection.connectionName());
        client.clientProperties(m.table("client-properties"));
        client.onForcedClose(connection::forceClose);
        connection.loggedIn(client, announcesCapability(m, "connection.blocked"));
        step = Step.AWAIT_TUNE_OK;
        connection.sendMethod(
                0,
                AmqpMethod.of(
                        CONNECTION_TUNE, settings.channelMax(), settings.frameMax(), settings.heartbeatSeconds()));
    }

    private void onTuneOk(int clientChannelMax, long clientFrameMax, int heartbeat) {
        if (clientFrameMax != 0 && clientFrameMax < 4096) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "frame_max=" + clientFrameMax + " < 4096 min size");
        }
        if (clientFrameMax > settings.frameMax()) {
            throw AmqpException.of(
                    AmqpException.NOT_ALLOWED,
                    "frame_max=" + clientFrameMax + " > " + settings.frameMax() + " max size");
        }
        connection.tuned(
                clientFrameMax == 0 ? settings.frameMax() : clientFrameMax,
                clientChannelMax == 0 ? settings.channelMax() : Math.min(clientChannelMax, settings.channelMax()),
                heartbeat);
    }

    private void onOpen(String virtualHost) {
        if (!virtualHost.equals(vhost.name())) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "vhost " + virtualHost + " not found");
        }
        if (settings.maxConnections() > 0 && vhost.connectionCount() > settings.maxConnections()) {
            throw AmqpException.of(
                    AmqpException.NOT_ALLOWED,
                    "access to vhost '" + vhost.name() + "' refused for user '" + client.user()
                            + "': connection limit (" + settings.maxConnections() + ") is reached");
        }
        connection.sendMethod(0, AmqpMethod.of(CONNECTION_OPEN_OK, ""));
    }

    private static void expect(AmqpMethod m, MethodSpec expected) {
        if (!m.is(expected)) {
            throw AmqpException.of(
                    AmqpException.COMMAND_INVALID,
                    "expected '" + expected.amqpName() + "', got '" + m.spec().amqpName() + "'");
        }
    }

    private static boolean announcesCapability(AmqpMethod startOk, String capability) {
        Object caps = startOk.table("client-properties").get("capabilities");
        return caps instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get(capability));
    }
}
