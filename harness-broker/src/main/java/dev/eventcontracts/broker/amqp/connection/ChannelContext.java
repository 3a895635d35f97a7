package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.ContentHeader;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.core.AmqpException;
import dev.eventcontracts.broker.core.Session;
import dev.eventcontracts.broker.core.SessionOutput;
import dev.eventcontracts.broker.store.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One open AMQP channel on a connection: assembles publishes from method, header and body
 * frames, maps each method to one {@link Session} call and encodes what the session sends back.
 */
final class ChannelContext implements SessionOutput {
    private final AmqpConnectionHandler connection;
    private final int number;
    private Session session;
    private boolean closing;

    private AmqpMethod pendingPublish;
    private BasicProperties pendingProperties;
    private byte[] pendingBody;
    private int pendingSize;
    private int pendingFilled;
    /** A body frame went past the declared size: the rest of this content is ignored. */
    private boolean bodyOverrun;

    private String lastExchange = "";
    private String lastRoutingKey = "";

    ChannelContext(AmqpConnectionHandler connection, int number) {
        this.connection = connection;
        this.number = number;
    }

    void attach(Session s) {
        this.session = s;
    }

    Session session() {
        return session;
    }

    boolean isClosing() {
        return closing;
    }

    void markClosing() {
        closing = true;
        pendingPublish = null;
    }

    boolean expectsContent() {
        return pendingPublish != null;
    }

    AmqpMethod pendingMethod() {
        return pendingPublish;
    }

    // ---- inbound ---------------------------------------------------------------------------

    void onMethod(AmqpMethod m) {
        switch (m.classId()) {
            case 20 -> onChannelMethod(m);
            case 40 -> onExchangeMethod(m);
            case 50 -> onQueueMethod(m);
            case 60 -> onBasicMethod(m);
            case 85 -> onConfirmMethod(m);
            case 90 -> onTxMethod(m);
            default -> throw unexpected(m);
        }
    }

    private AmqpException unexpected(AmqpMethod m) {
        return AmqpException.of(
                AmqpException.COMMAND_INVALID, "unexpected method " + m.spec().name() + " on channel " + number);
    }

    private void onChannelMethod(AmqpMethod m) {
        switch (m.methodId()) {
            case 20 -> {
                session.flow(m.bit(0));
                reply(20, 21, m.bit(0));
            }
            case 21 -> {
                // flow-ok from the client: nothing to do
            }
            case 10 -> throw AmqpException.of(AmqpException.CHANNEL_ERROR, "second 'channel.open' seen");
            default -> throw unexpected(m);
        }
    }

    private void onExchangeMethod(AmqpMethod m) {
        switch (m.methodId()) {
            case 10 -> {
                session.exchangeDeclare(m.string(1), m.string(2), m.bit(3), m.bit(4), m.bit(5), m.bit(6), m.table(8));
                replyUnlessNoWait(m.bit(7), 40, 11);
            }
            case 20 -> {
                session.exchangeDelete(m.string(1), m.bit(2));
                replyUnlessNoWait(m.bit(3), 40, 21);
            }
            case 30 -> {
                session.exchangeBind(m.string(1), m.string(2), m.string(3), m.table(5));
                replyUnlessNoWait(m.bit(4), 40, 31);
            }
            case 40 -> {
                session.exchangeUnbind(m.string(1), m.string(2), m.string(3), m.table(5));
                replyUnlessNoWait(m.bit(4), 40, 51);
            }
            default -> throw unexpected(m);
        }
    }

    private void onQueueMethod(AmqpMethod m) {
        switch (m.methodId()) {
            case 10 -> {
                Session.QueueDeclareOk ok =
                        session.queueDeclare(m.string(1), m.bit(2), m.bit(3), m.bit(4), m.bit(5), m.table(7));
                replyUnlessNoWait(m.bit(6), 50, 11, ok.queue(), ok.messageCount(), ok.consumerCount());
            }
            case 20 -> {
                session.queueBind(m.string(1), m.string(2), m.string(3), m.table(5));
                replyUnlessNoWait(m.bit(4), 50, 21);
            }
            case 30 -> {
                int count = session.queuePurge(m.string(1));
                replyUnlessNoWait(m.bit(2), 50, 31, count);
            }
            case 40 -> {
                int count = session.queueDelete(m.string(1), m.bit(2), m.bit(3));
                replyUnlessNoWait(m.bit(4), 50, 41, count);
            }
            case 50 -> {
                session.queueUnbind(m.string(1), m.string(2), m.string(3), m.table(4));
                reply(50, 51);
            }
            default -> throw unexpected(m);
        }
    }

    private void onBasicMethod(AmqpMethod m) {
        switch (m.methodId()) {
            case 40 -> {
                pendingPublish = m;
                pendingProperties = null;
            }
            case 80 -> session.ack(m.longLong(0), m.bit(1));
            case 120 -> session.nack(m.longLong(0), m.bit(1), m.bit(2));
            case 90 -> session.reject(m.longLong(0), m.bit(1));
            case 10 -> {
                session.qos(m.integer(0) & 0xFFFFFFFFL, m.integer(1), m.bit(2));
                reply(60, 11);
            }
            case 20 -> {
                boolean noWait = m.bit(6);
                session.consume(m.string(1), m.string(2), m.bit(4), m.bit(5), m.table(7), tag -> {
                    if (!noWait) {
                        reply(60, 21, tag);
                    }
                });
            }
            case 30 -> {
                session.cancel(m.string(0));
                replyUnlessNoWait(m.bit(1), 60, 31, m.string(0));
            }
            case 70 -> {
                if (!session.get(m.string(1), m.bit(2))) {
                    reply(60, 72, "");
                }
            }
            case 110 -> {
                session.recover(m.bit(0));
                reply(60, 111);
            }
            case 100 -> session.recover(m.bit(0));
            default -> throw unexpected(m);
        }
    }

    private void onConfirmMethod(AmqpMethod m) {
        if (m.methodId() != 10) {
            throw unexpected(m);
        }
        session.confirmSelect();
        replyUnlessNoWait(m.bit(0), 85, 11);
    }

    private void onTxMethod(AmqpMethod m) {
        switch (m.methodId()) {
            case 10 -> {
                session.txSelect();
                reply(90, 11);
            }
            case 20 -> {
                session.txCommit();
                reply(90, 21);
            }
            case 30 -> {
                session.txRollback();
                reply(90, 31);
            }
            default -> throw unexpected(m);
        }
    }

    /** RabbitMQ's default {@code max_message_size}: 128 MiB. */
    static final long MAX_MESSAGE_SIZE = 134217728L;

    /** A content header for the pending publish. */
    void onHeader(ContentHeader header) {
        if (header.classId() != 60) {
            throw AmqpException.of(
                    AmqpException.UNEXPECTED_FRAME,
                    "content header for class " + header.classId() + " does not match method class 60");
        }
        if (header.bodySize() < 0 || header.bodySize() > MAX_MESSAGE_SIZE) {
            pendingPublish = null;
            throw AmqpException.preconditionFailed(
                    "message size " + header.bodySize() + " is larger than configured max size " + MAX_MESSAGE_SIZE);
        }
        pendingProperties = header.properties();
        bodyOverrun = false;
        pendingSize = (int) header.bodySize();
        pendingBody = new byte[Math.min(pendingSize, 65536)];
        pendingFilled = 0;
        if (pendingSize == 0) {
            completePublish();
        }
    }

    boolean awaitingHeader() {
        return pendingPublish != null && pendingProperties == null;
    }

    /** A body frame for the pending publish. */
    void onBody(byte[] bytes) {
        if (bodyOverrun) {
            return;
        }
        if (pendingFilled + bytes.length > pendingSize) {
            // RabbitMQ 3.10 keeps the connection: the message is never published, further body
            // frames are ignored, and the channel's next method frame is 505 (docs/broker.md)
            bodyOverrun = true;
            pendingBody = new byte[0];
            return;
        }
        if (pendingFilled + bytes.length > pendingBody.length) {
            int grown =
                    (int) Math.min(pendingSize, Math.max(pendingFilled + (long) bytes.length, 2L * pendingBody.length));
            pendingBody = java.util.Arrays.copyOf(pendingBody, grown);
        }
        System.arraycopy(bytes, 0, pendingBody, pendingFilled, bytes.length);
        pendingFilled += bytes.length;
        if (pendingFilled == pendingSize) {
            completePublish();
        }
    }

    private void completePublish() {
        AmqpMethod m = pendingPublish;
        BasicProperties props = pendingProperties;
        byte[] body = pendingBody;
        pendingPublish = null;
        pendingProperties = null;
        pendingBody = null;
        String exchange = m.string(1);
        if (exchange.equals(lastExchange)) {
            exchange = lastExchange;
        } else {
            lastExchange = exchange;
        }
        String routingKey = m.string(2);
        if (routingKey.equals(lastRoutingKey)) {
            routingKey = lastRoutingKey;
        } else {
            lastRoutingKey = routingKey;
        }
        if (props.equals(BasicProperties.EMPTY)) {
            props = BasicProperties.EMPTY;
        }
        connection.inMethod(m);
        session.publish(exchange, routingKey, m.bit(3), m.bit(4), props, body);
    }

    // ---- outbound --------------------------------------------------------------------------

    private void replyUnlessNoWait(boolean noWait, int classId, int methodId, Object... args) {
        if (!noWait) {
            reply(classId, methodId, args);
        }
    }

    void reply(int classId, int methodId, Object... args) {
        connection.sendMethod(number, AmqpMethod.of(classId, methodId, args));
    }

    @Override
    public void deliver(
            String consumerTag, long deliveryTag, boolean redelivered, Message message, BasicProperties properties) {
        AmqpMethod m =
                AmqpMethod.of(60, 60, consumerTag, deliveryTag, redelivered, message.exchange(), message.routingKey());
        sendWithContent(m, message, properties);
    }

    @Override
    public void getOk(long deliveryTag, boolean redelivered, Message message, BasicProperties properties, int count) {
        AmqpMethod m = AmqpMethod.of(60, 71, deliveryTag, redelivered, message.exchange(), message.routingKey(), count);
        sendWithContent(m, message, properties);
    }

    @Override
    public void returned(int replyCode, String replyText, Message message) {
        AmqpMethod m = AmqpMethod.of(60, 50, replyCode, replyText, message.exchange(), message.routingKey());
        sendWithContent(m, message, message.properties());
    }

    @Override
    public void confirm(long sequence, boolean multiple, boolean ack) {
        if (ack) {
            reply(60, 80, sequence, multiple);
        } else {
            reply(60, 120, sequence, multiple, false);
        }
    }

    @Override
    public boolean isWritable() {
        return connection.isWritable();
    }

    @Override
    public void closeChannel(int code, String text) {
        connection.closeChannel(number, code, text, 0, 0);
    }

    @Override
    public void closeConnection(int code, String text) {
        connection.closeConnection(code, text, 0, 0);
    }

    @Override
    public void cancelledByBroker(String consumerTag) {
        reply(60, 30, consumerTag, false);
    }

    private void sendWithContent(AmqpMethod m, Message message, BasicProperties properties) {
        byte[] encoded = null;
        if (properties == message.properties()) {
            encoded = message.encodedProperties();
            if (encoded == null) {
                ByteBuf tmp = ByteBufAllocator.DEFAULT.heapBuffer(64);
                try {
                    ContentHeader.encodeProperties(tmp, properties);
                    encoded = new byte[tmp.readableBytes()];
                    tmp.readBytes(encoded);
                } finally {
                    tmp.release();
                }
                message.encodedProperties(encoded);
            }
        }
        ByteBuf out = connection.allocate(128 + message.body().length + (encoded == null ? 256 : encoded.length));
        FrameWriter.method(out, number, m);
        FrameWriter.content(out, number, properties, encoded, message.body(), connection.frameMax());
        connection.send(out);
    }
}
