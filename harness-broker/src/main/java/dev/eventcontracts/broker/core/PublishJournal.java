package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.store.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every client publish of a virtual host in order, with its routing, confirm result, publishing
 * connection and body. Keeps the newest {@link #CAPACITY} records; older ones are counted in
 * {@link #dropped()}. Bodies are kept while they fit {@link #BODY_BUDGET} bytes in total; then the
 * oldest records lose their body (never their metadata), so a benchmark publishing gigabytes does
 * not keep them all.
 */
final class PublishJournal {
    static final int CAPACITY = 100_000;
    static final long BODY_BUDGET = 16L * 1024 * 1024;

    /** One record; the body is dropped in place when the budget needs room. */
    private static final class Entry {
        final Views.PublishRecord record;
        byte[] body;

        Entry(Views.PublishRecord record, byte[] body) {
            this.record = record;
            this.body = body;
        }
    }

    private final ArrayDeque<Entry> records = new ArrayDeque<>();
    private final ArrayDeque<Entry> withBody = new ArrayDeque<>();
    private final LongSupplier wallClockMillis;
    private long sequence;
    private long dropped;
    private long bodyBytes;

    PublishJournal(LongSupplier wallClockMillis) {
        this.wallClockMillis = wallClockMillis;
    }

    /** Records one publish; {@code fault} names the fault rule that stopped it, or is {@code null}. */
    void record(
            Message m,
            List<String> routedQueues,
            boolean returned,
            String confirm,
            ClientConnection publisher,
            String fault) {
        if (records.size() == CAPACITY) {
            Entry oldest = records.pollFirst();
            if (oldest.body != null) {
                withBody.remove(oldest);
                bodyBytes -= oldest.body.length;
            }
            dropped++;
        }
        byte[] body = m.body();
        Entry entry = new Entry(
                new Views.PublishRecord(
                        ++sequence,
                        wallClockMillis.getAsLong(),
                        m.exchange(),
                        m.routingKey(),
                        List.copyOf(routedQueues),
                        returned,
                        confirm,
                        m.properties().messageId(),
                        body.length,
                        publisher == null ? 0 : publisher.id(),
                        publisher == null ? "" : publisher.name(),
                        null,
                        fault),
                null);
        if (body.length <= BODY_BUDGET) {
            while (bodyBytes + body.length > BODY_BUDGET) {
                Entry old = withBody.pollFirst();
                bodyBytes -= old.body.length;
                old.body = null;
            }
            entry.body = body;
            bodyBytes += body.length;
            withBody.addLast(entry);
        }
        records.addLast(entry);
    }

    /** Records with a sequence greater than {@code after}, at most {@code limit}, oldest first. */
    List<Views.PublishRecord> since(long after, int limit) {
        List<Views.PublishRecord> out = new ArrayList<>();
        for (Entry e : records) {
            Views.PublishRecord r = e.record;
            if (r.sequence() > after) {
                out.add(new Views.PublishRecord(
                        r.sequence(),
                        r.timestampMillis(),
                        r.exchange(),
                        r.routingKey(),
                        r.routedQueues(),
                        r.returned(),
                        r.confirm(),
                        r.messageId(),
                        r.bodySize(),
                        r.connectionId(),
                        r.connectionName(),
                        e.body,
                        r.fault()));
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The sequence of the newest record (0 before the first publish). */
    long lastSequence() {
        return sequence;
    }

    long dropped() {
        return dropped;
    }
}
