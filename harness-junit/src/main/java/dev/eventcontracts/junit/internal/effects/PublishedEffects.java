package dev.eventcontracts.junit.internal.effects;

import dev.eventcontracts.junit.internal.amqp.Topology;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import java.util.List;
import java.util.Set;

/**
 * The messages a run published, as effects: from the broker's publish journal when there is one
 * (every publish after the run's mark, through any connection, except the scenario driver's and
 * other contract sessions'), else what the consumer published through {@code ctx.publisher()}.
 */
public final class PublishedEffects {

    /** Prefix of every connection a contract session opens; the driver's never carry effects. */
    public static final String CONNECTION_PREFIX = "event-contracts ";

    private final PublishLog log;
    private final Set<String> ownConnections;
    private final Normalizer normalizer;

    /**
     * @param log the broker's journal, or null when the broker has none (a real RabbitMQ)
     * @param ownConnections names of this session's connections whose publishes are effects (the
     *     recording publisher's)
     */
    public PublishedEffects(PublishLog log, Set<String> ownConnections, Normalizer normalizer) {
        this.log = log;
        this.ownConnections = Set.copyOf(ownConnections);
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
                .filter(p -> ownConnections.contains(p.connectionName())
                        || !p.connectionName().startsWith(CONNECTION_PREFIX))
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
