package dev.eventcontracts.junit.internal.journal;

import dev.eventcontracts.broker.HarnessBroker;
import java.util.List;

/** The publish journal of a harness broker running in this JVM. */
public final class InJvmPublishLog implements PublishLog {

    private static final int PAGE = 10_000;

    private final HarnessBroker broker;

    /** Reads {@code broker}'s journal. */
    public InJvmPublishLog(HarnessBroker broker) {
        this.broker = broker;
    }

    @Override
    public long mark() {
        return broker.publishJournalLastSequence();
    }

    @Override
    public List<Published> since(long mark) {
        return broker.publishJournal(mark, PAGE).stream()
                .map(r -> new Published(
                        r.sequence(), r.exchange(), r.routingKey(), r.connectionName(), r.body(), r.bodySize()))
                .toList();
    }

    @Override
    public String describe() {
        return "the publish journal of the in-JVM harness broker";
    }
}
