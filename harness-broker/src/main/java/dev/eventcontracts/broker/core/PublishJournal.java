package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.store.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every client publish of a virtual host in order, with its routing and confirm result. Keeps the
 * newest {@link #CAPACITY} records; older ones are counted in {@link #dropped()}.
 */
final class PublishJournal {
    static final int CAPACITY = 100_000;

    private final ArrayDeque<Views.PublishRecord> records = new ArrayDeque<>();
    private final LongSupplier wallClockMillis;
    private long sequence;
    private long dropped;

    PublishJournal(LongSupplier wallClockMillis) {
        this.wallClockMillis = wallClockMillis;
    }

    void record(Message m, List<String> routedQueues, boolean returned, String confirm) {
        if (records.size() == CAPACITY) {
            records.pollFirst();
            dropped++;
        }
        records.addLast(new Views.PublishRecord(
                ++sequence,
                wallClockMillis.getAsLong(),
                m.exchange(),
                m.routingKey(),
                List.copyOf(routedQueues),
                returned,
                confirm,
                m.properties().messageId(),
                m.body().length));
    }

    /** Records with a sequence greater than {@code after}, at most {@code limit}, oldest first. */
    List<Views.PublishRecord> since(long after, int limit) {
        List<Views.PublishRecord> out = new ArrayList<>();
        for (Views.PublishRecord r : records) {
            if (r.sequence() > after) {
                out.add(r);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    long dropped() {
        return dropped;
    }
}
