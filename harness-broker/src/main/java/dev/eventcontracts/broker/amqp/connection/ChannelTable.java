package dev.eventcontracts.broker.amqp.connection;

import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CHANNEL_CLOSE;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CHANNEL_CLOSE_OK;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CHANNEL_OPEN;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CHANNEL_OPEN_OK;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.InboundFrame;
import dev.eventcontracts.broker.core.AmqpException;
import dev.eventcontracts.broker.core.ClientConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open channels of one connection: opening them (within the negotiated {@code channel_max}),
 * routing each frame on a channel above 0 to its {@link ChannelContext} with RabbitMQ's checks on
 * frame order, and closing them (a soft error closes one channel; its unacked deliveries are
 * requeued). Runs on the virtual host's thread.
 */
final class ChannelTable {
    private final AmqpConnectionHandler connection;
    private final Map<Integer, ChannelContext> channels = new HashMap<>();
    private int channelMax;

    ChannelTable(AmqpConnectionHandler connection, int channelMax) {
        this.connection = connection;
        this.channelMax = channelMax;
    }

    /** The {@code channel_max} agreed in {@code connection.tune-ok}. */
    void channelMax(int negotiated) {
        this.channelMax = negotiated;
    }

    /** A frame on channel {@code frame.channel() > 0} of an open connection. */
    void onFrame(InboundFrame frame, ClientConnection client) {
        int number = frame.channel();
        ChannelContext ch = channels.get(number);
        if (frame instanceof InboundFrame.Method mf) {
            onMethod(number, ch, mf.method(), client);
            return;
        }
        if (ch == null) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR, "unexpected content frame on unopened channel " + number);
        }
        if (ch.isClosing()) {
            return;
        }
        if (frame instanceof InboundFrame.MalformedContentHeader bad) {
            if (!ch.awaitingHeader()) {
                throw notAMethod();
            }
            throw bad.error();
        }
        if (frame instanceof InboundFrame.ContentHeaderFrame h) {
            if (!ch.awaitingHeader()) {
                throw notAMethod();
            }
            connection.inMethod(ch.pendingMethod());
            ch.onHeader(h.header());
        } else if (frame instanceof InboundFrame.Body b) {
            if (!ch.expectsContent() || ch.awaitingHeader()) {
                throw notAMethod();
            }
            connection.inMethod(ch.pendingMethod());
            ch.onBody(b.bytes());
        }
    }

    private static AmqpException notAMethod() {
        return AmqpException.of(AmqpException.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
    }

    private void onMethod(int number, ChannelContext ch, AmqpMethod m, ClientConnection client) {
        connection.inMethod(m);
        if (ch == null) {
            open(number, m, client);
            return;
        }
        if (ch.isClosing()) {
            if (m.is(CHANNEL_CLOSE_OK)) {
                channels.remove(number);
            } else if (m.is(CHANNEL_CLOSE)) {
                connection.sendMethod(number, AmqpMethod.of(CHANNEL_CLOSE_OK));
            }
            return;
        }
        if (ch.expectsContent()) {
            throw AmqpException.of(
                    AmqpException.UNEXPECTED_FRAME,
                    ch.awaitingHeader()
                            ? "expected content header for class 60, got non content header frame instead"
                            : "expected content body, got non content body frame instead");
        }
        if (m.is(CHANNEL_CLOSE)) {
            ch.session().close();
            channels.remove(number);
            connection.sendMethod(number, AmqpMethod.of(CHANNEL_CLOSE_OK));
            return;
        }
        if (m.is(CHANNEL_CLOSE_OK)) {
            return;
        }
        ch.onMethod(m);
    }

    private void open(int number, AmqpMethod m, ClientConnection client) {
        if (!m.is(CHANNEL_OPEN)) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR,
                    "expected 'channel.open' on channel " + number + ", got '"
                            + m.spec().amqpName() + "'");
        }
        if (number > channelMax) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR,
                    "channel " + number + " exceeds the negotiated channel_max " + channelMax);
        }
        ChannelContext ch = new ChannelContext(connection, number);
        ch.attach(client.openSession(number, ch));
        channels.put(number, ch);
        connection.sendMethod(number, AmqpMethod.of(CHANNEL_OPEN_OK, new byte[0]));
    }

    /** Whether {@code frame} completed a publish (its header without body, or its last body frame). */
    boolean completesPublish(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.ContentHeaderFrame) && !(frame instanceof InboundFrame.Body)) {
            return false;
        }
        ChannelContext ch = channels.get(frame.channel());
        return ch != null && !ch.expectsContent();
    }

    /** The client caught up: every open channel delivers what waits. */
    void resumeAll() {
        for (ChannelContext ch : List.copyOf(channels.values())) {
            if (!ch.isClosing()) {
                ch.session().resume();
            }
        }
    }

    /**
     * Closes one channel with a soft error: its unacked deliveries are requeued and the client gets
     * {@code channel.close}.
     *
     * @return false when there is no such channel (the caller closes the connection instead)
     */
    boolean close(int number, int code, String text, int classId, int methodId) {
        ChannelContext ch = channels.get(number);
        if (ch == null) {
            return false;
        }
        if (ch.isClosing()) {
            return true;
        }
        ch.markClosing();
        ch.session().close();
        connection.sendMethod(number, AmqpMethod.of(CHANNEL_CLOSE, code, ReplyText.truncate(text), classId, methodId));
        return true;
    }

    /** The socket closed. */
    void clear() {
        channels.clear();
    }
}
