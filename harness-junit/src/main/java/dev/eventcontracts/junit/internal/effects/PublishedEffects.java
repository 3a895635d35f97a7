package dev.eventcontracts.junit.internal.effects;

import dev.eventcontracts.junit.internal.amqp.Topology;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import java.util.List;

/**
 * The messages a run published, as effects: from the broker's publish journal when there is one
 * (every publish after the run's mark, through any connection except the scenario driver's), else
 * what the consumer published through {@code ctx.publisher()}. The broker names a connection by
 * its addresses ({@code <client ip>:<client port> -> <server ip>:<server port>}), so the driver's is
 * recognised by its client address.
 */
public final class PublishedEffects {

    /** Prefix of the client-provided name of every connection a contract session opens. */
    public static final String CONNECTION_PREFIX = "event-contracts ";

    private final PublishLog log;
    private final String driverPrefix;
    private final Normalizer normalizer;

    /**
     * @param log the broker's journal, or null when the broker has none (a real RabbitMQ)
     * @param driverClientAddress {@code <ip>:<port>} of the driver connection's client side
     */
    public PublishedEffects(PublishLog log, String driverClientAddress, Normalizer normalizer) {
        this.log = log;
        this.driverPrefix = driverClientAddress + " ";
        this.normalizer = normalizer;
    }

    /** True when publishes on any connection are seen (the broker has a journal). */
    public boolean journaled() {
        return log != null;
    }

    /** A point to read from, or 0 without a journal. */
    public long mark() {
        return log == null ? 0 : log.mark();
    }

    /** The messages published since {@code mark}, or {@code recorded} without a journal. */
    public List<Effects.Message> since(long mark, Topology topology, List<Effects.Message> recorded) {
        if (log == null) {
            return recorded;
        }
        return log.since(mark).stream()
                .filter(p -> !p.connectionName().startsWith(driverPrefix))
                .map(p -> new Effects.Message(
                        topology.logicalName(p.exchange()),
                        p.exchange().isEmpty() ? topology.logicalName(p.routingKey()) : p.routingKey(),
                        p.body() == null ? "<" + p.bodySize() + " bytes>" : normalizer.body(p.body())))
                .toList();
    }

    /** Where publishes are observed, as results and reports say it. */
    public String observedAt() {
        return log == null ? "ctx.publisher()" : "broker-journal";
    }
}
