package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.store.Message;

/**
 * What the core sends to a client on one channel. Implemented by the protocol layer; called on
 * the virtual host's thread, never blocking.
 */
public interface SessionOutput {

    /** {@code basic.deliver} with content. */
    void deliver(
            String consumerTag, long deliveryTag, boolean redelivered, Message message, BasicProperties properties);

    /** {@code basic.get-ok} with content. */
    void getOk(long deliveryTag, boolean redelivered, Message message, BasicProperties properties, int messageCount);

    /** {@code basic.return} with content. */
    void returned(int replyCode, String replyText, Message message);

    /** {@code basic.ack} or {@code basic.nack} for a publish in confirm mode. */
    void confirm(long sequence, boolean multiple, boolean ack);

    /** Closes this channel from the broker side with {@code code} and {@code text}. */
    void closeChannel(int code, String text);

    /** Closes the whole connection from the broker side with {@code code} and {@code text}. */
    void closeConnection(int code, String text);

    /** A server-sent {@code basic.cancel} (the queue went away). */
    void cancelledByBroker(String consumerTag);

    /**
     * Whether the client keeps up with what it was sent. While false, consumers on this channel
     * receive nothing and messages wait in their queues; call {@link Session#resume()} when it
     * turns true again.
     */
    boolean isWritable();
}
