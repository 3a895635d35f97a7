package dev.eventcontracts.broker.store;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import java.util.List;

/**
 * A published message as the broker keeps it: immutable, shared by every queue it was routed to.
 * Per-queue state (position, redelivery, delivery count, expiry) lives in {@link QueueEntry}.
 */
public final class Message {
    private final String exchange;
    private final String routingKey;
    private final List<String> ccKeys;
    private final List<String> bccKeys;
    private final BasicProperties properties;
    private final byte[] body;
    private byte[] encodedProperties;

    /**
     * A message.
     *
     * @param exchange the exchange it was published (or dead-lettered) to
     * @param routingKey its routing key
     * @param ccKeys extra routing keys from the {@code CC} header (kept in the header), empty if none
     * @param bccKeys extra routing keys from the {@code BCC} header (removed from the header), empty
     *     if none
     * @param properties its content-header properties
     * @param body its body
     */
    public Message(
            String exchange,
            String routingKey,
            List<String> ccKeys,
            List<String> bccKeys,
            BasicProperties properties,
            byte[] body) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.ccKeys = ccKeys;
        this.bccKeys = bccKeys;
        this.properties = properties;
        this.body = body;
    }

    /** The exchange it was published (or dead-lettered) to. */
    public String exchange() {
        return exchange;
    }

    /** Its routing key. */
    public String routingKey() {
        return routingKey;
    }

    /** Routing keys from the {@code CC} header. */
    public List<String> ccKeys() {
        return ccKeys;
    }

    /** Routing keys from the {@code BCC} header. */
    public List<String> bccKeys() {
        return bccKeys;
    }

    /** Its properties. */
    public BasicProperties properties() {
        return properties;
    }

    /** Its body; callers must not modify it. */
    public byte[] body() {
        return body;
    }

    /** The cached encoding of {@link #properties()}, or null when not yet computed. */
    public byte[] encodedProperties() {
        return encodedProperties;
    }

    /** Caches the encoding of {@link #properties()}. */
    public void encodedProperties(byte[] encoded) {
        this.encodedProperties = encoded;
    }
}
