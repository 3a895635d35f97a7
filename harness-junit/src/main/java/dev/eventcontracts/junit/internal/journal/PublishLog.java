package dev.eventcontracts.junit.internal.journal;

import java.util.List;

/**
 * The broker's publish journal as contract tests read it: every client publish, through any
 * connection, with the publishing connection's name and the body. Read from the in-JVM harness
 * broker directly or from a harness broker's admin API ({@code GET /api/journal}); a real RabbitMQ
 * has none, so there the scenarios see only what the consumer publishes through {@code
 * ctx.publisher()} (docs/contract-tests.md §5).
 */
public interface PublishLog {

    /** A point in the journal: the sequence of the newest record so far. */
    long mark();

    /** The records after {@code mark}, oldest first. */
    List<Published> since(long mark);

    /** Where the journal is read, for results and messages, e.g. {@code in-JVM harness broker}. */
    String describe();

    /**
     * One publish the broker accepted.
     *
     * @param sequence its position in the journal
     * @param exchange the exchange as published to
     * @param routingKey the routing key
     * @param connectionName the publishing connection's client-provided name
     * @param body the body, or null when the journal no longer holds it
     * @param bodySize the body's size
     */
    record Published(
            long sequence, String exchange, String routingKey, String connectionName, byte[] body, int bodySize) {}
}
