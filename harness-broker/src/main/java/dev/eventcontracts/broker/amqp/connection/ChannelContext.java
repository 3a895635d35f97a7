package dev.eventcontracts.broker.amqp.connection;

import static dev.eventcontracts.broker.amqp.codec.MethodSpec.*;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.ContentHeader;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
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
        switch (m.spec()) {
            case BASIC_PUBLISH -> {
                pendingPublish = m;
                pendingProperties = null;
            }
            case BASIC_ACK -> session.ack(m.longLong("delivery-tag"), m.bit("multiple"));
            case BASIC_NACK -> session.nack(m.longLong("delivery-tag"), m.bit("multiple"), m.bit("requeue"));
            case BASIC_REJECT -> session.reject(m.longLong("delivery-tag"), m.bit("requeue"));
            case BASIC_QOS -> {
                session.qos(m.integer("prefetch-size") & 0xFFFFFFFFL, m.integer("prefetch-count"), m.bit("global"));
                reply(BASIC_QOS_OK);
            }
            case BASIC_CONSUME -> {
                boolean noWait = m.bit("no-wait");
                session.consume(
                        m.string("queue"),
                        m.string("consumer-tag"),
                        m.bit("no-ack"),
                        m.bit("exclusive"),
                        m.table("arguments"),
                        tag -> {
                            if (!noWait) {
                                reply(BASIC_CONSUME_OK, tag);
                            }
                        });
            }
            case BASIC_CANCEL -> {
                session.cancel(m.string("consumer-tag"));
                replyUnlessNoWait(m.bit("no-wait"), BASIC_CANCEL_OK, m.string("consumer-tag"));
            }
            case BASIC_GET -> {
                if (!session.get(m.string("queue"), m.bit("no-ack"))) {
                    reply(BASIC_GET_EMPTY, "");
                }
            }
            case BASIC_RECOVER -> {
                session.recover(m.bit("requeue"));
                reply(BASIC_RECOVER_OK);
            }
            case BASIC_RECOVER_ASYNC -> session.recover(m.bit("requeue"));
            case CHANNEL_FLOW -> {
                session.flow(m.bit("active"));
                reply(CHANNEL_FLOW_OK, m.bit("active"));
            }
            case CHANNEL_FLOW_OK -> {
                // flow-ok from the client: nothing to do
            }
            case CHANNEL_OPEN -> throw AmqpException.of(AmqpException.CHANNEL_ERROR, "second 'channel.open' seen");
            case EXCHANGE_DECLARE -> {
                session.exchangeDeclare(
                        m.string("exchange"),
                        m.string("type"),
                        m.bit("passive"),
                        m.bit("durable"),
                        m.bit("auto-delete"),
                        m.bit("internal"),
                        m.table("arguments"));
                replyUnlessNoWait(m.bit("no-wait"), EXCHANGE_DECLARE_OK);
            }
            case EXCHANGE_DELETE -> {
                session.exchangeDelete(m.string("exchange"), m.bit("if-unused"));
                replyUnlessNoWait(m.bit("no-wait"), EXCHANGE_DELETE_OK);
            }
            case EXCHANGE_BIND -> {
                session.exchangeBind(
                        m.string("destination"), m.string("source"), m.string("routing-key"), m.table("arguments"));
                replyUnlessNoWait(m.bit("no-wait"), EXCHANGE_BIND_OK);
            }
            case EXCHANGE_UNBIND -> {
                session.exchangeUnbind(
                        m.string("destination"), m.string("source"), m.string("routing-key"), m.table("arguments"));
                replyUnlessNoWait(m.bit("no-wait"), EXCHANGE_UNBIND_OK);
            }
            case QUEUE_DECLARE -> {
                Session.QueueDeclareOk ok = session.queueDeclare(
                        m.string("queue"),
                        m.bit("passive"),
                        m.bit("durable"),
                        m.bit("exclusive"),
                        m.bit("auto-delete"),
                        m.table("arguments"));
                replyUnlessNoWait(
                        m.bit("no-wait"), QUEUE_DECLARE_OK, ok.queue(), ok.messageCount(), ok.consumerCount());
            }
            case QUEUE_BIND -> {
                session.queueBind(
                        m.string("queue"), m.string("exchange"), m.string("routing-key"), m.table("arguments"));
                replyUnlessNoWait(m.bit("no-wait"), QUEUE_BIND_OK);
            }
            case QUEUE_PURGE -> {
                int count = session.queuePurge(m.string("queue"));
                replyUnlessNoWait(m.bit("no-wait"), QUEUE_PURGE_OK, count);
            }
            case QUEUE_DELETE -> {
                int count = session.queueDelete(m.string("queue"), m.bit("if-unused"), m.bit("if-empty"));
                replyUnlessNoWait(m.bit("no-wait"), QUEUE_DELETE_OK, count);
            }
            case QUEUE_UNBIND -> {
                session.queueUnbind(
                        m.string("queue"), m.string("exchange"), m.string("routing-key"), m.table("arguments"));
                reply(QUEUE_UNBIND_OK);
            }
            case CONFIRM_SELECT -> {
                session.confirmSelect();
                replyUnlessNoWait(m.bit("no-wait"), CONFIRM_SELECT_OK);
            }
            case TX_SELECT -> {
                session.txSelect();
                reply(TX_SELECT_OK);
            }
            case TX_COMMIT -> {
                session.txCommit();
                reply(TX_COMMIT_OK);
            }
            case TX_ROLLBACK -> {
                session.txRollback();
                reply(TX_ROLLBACK_OK);
            }
            default ->
                throw AmqpException.of(
                        AmqpException.COMMAND_INVALID,
                        "unexpected method " + m.spec().amqpName() + " on channel " + number);
        }
    }

    /** RabbitMQ's default {@code max_message_size}: 128 MiB. */
    static final long MAX_MESSAGE_SIZE = 134217728L;

    /** A content header for the pending publish. */
    void onHeader(ContentHeader header) {
        if (header.classId() != MethodSpec.BASIC) {
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
        String exchange = m.string("exchange");
        if (exchange.equals(lastExchange)) {
            exchange = lastExchange;
        } else {
            lastExchange = exchange;
        }
        String routingKey = m.string("routing-key");
        if (routingKey.equals(lastRoutingKey)) {
            routingKey = lastRoutingKey;
        } else {
            lastRoutingKey = routingKey;
        }
        if (props.equals(BasicProperties.EMPTY)) {
            props = BasicProperties.EMPTY;
        }
        connection.inMethod(m);
        session.publish(exchange, routingKey, m.bit("mandatory"), m.bit("immediate"), props, body);
    }

    // ---- outbound --------------------------------------------------------------------------

    private void replyUnlessNoWait(boolean noWait, MethodSpec spec, Object... args) {
        if (!noWait) {
            reply(spec, args);
        }
    }

    void reply(MethodSpec spec, Object... args) {
        connection.sendMethod(number, AmqpMethod.of(spec, args));
    }

    @Override
    public void deliver(
            String consumerTag, long deliveryTag, boolean redelivered, Message message, BasicProperties properties) {
        AmqpMethod m = AmqpMethod.of(
                BASIC_DELIVER, consumerTag, deliveryTag, redelivered, message.exchange(), message.routingKey());
        sendWithContent(m, message, properties);
    }

    @Override
    public void getOk(long deliveryTag, boolean redelivered, Message message, BasicProperties properties, int count) {
        AmqpMethod m =
                AmqpMethod.of(BASIC_GET_OK, deliveryTag, redelivered, message.exchange(), message.routingKey(), count);
        sendWithContent(m, message, properties);
    }

    @Override
    public void returned(int replyCode, String replyText, Message message) {
        AmqpMethod m = AmqpMethod.of(BASIC_RETURN, replyCode, replyText, message.exchange(), message.routingKey());
        sendWithContent(m, message, message.properties());
    }

    @Override
    public void confirm(long sequence, boolean multiple, boolean ack) {
        if (ack) {
            reply(BASIC_ACK, sequence, multiple);
        } else {
            reply(BASIC_NACK, sequence, multiple, false);
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
        reply(BASIC_CANCEL, consumerTag, false);
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
