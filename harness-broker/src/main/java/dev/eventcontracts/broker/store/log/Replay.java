package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.QueueEntry;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recovery: folds the log's records, in order, into the durable topology and the live persistent
 * messages of each queue, remembering the segment that holds each message's latest copy. Messages
 * are kept even while their queue is unknown (compaction may have deleted the segment with the
 * queue's declaration, whose snapshot comes later in the log) and dropped at the end if the queue
 * does not exist then.
 */
final class Replay implements SegmentLog.Visitor {
    final DurableTopology topology = new DurableTopology();
    final TreeMap<Long, SegmentUsage> usages = new TreeMap<>();
    private final Map<String, QueueMessages> messages = new HashMap<>();
    private final LogRecord.Decoder decoder = new LogRecord.Decoder();
    private SegmentUsage lastUsage;

    @Override
    public void record(long segment, ByteBuf payload) {
        LogRecord r = decoder.read(payload);
        if (payload.isReadable()) {
            throw new IllegalArgumentException(payload.readableBytes() + " unexpected bytes after a record");
        }
        if (r instanceof LogRecord.Published p) {
            messages.computeIfAbsent(p.queue(), q -> new QueueMessages()).publish(p.sequence(), p.message(), segment);
        } else if (r instanceof LogRecord.Acked a) {
            QueueMessages m = messages.get(a.queue());
            if (m != null) {
                m.ack(a.sequence());
            }
        } else {
            topology.apply(r);
            if (r instanceof LogRecord.QueueDeleted q) {
                messages.remove(q.name());
            }
            usage(segment).markTopology();
        }
    }

    private SegmentUsage usage(long segment) {
        if (lastUsage == null || lastUsage.index != segment) {
            lastUsage = usages.computeIfAbsent(segment, SegmentUsage::new);
        }
        return lastUsage;
    }

    /**
     * The live messages of every existing queue as entries in queue order, flagged redelivered,
     * each holding a slot in the usage of its segment.
     */
    Map<String, List<QueueEntry>> liveEntries() {
        Map<String, List<QueueEntry>> out = new HashMap<>();
        messages.forEach((queue, m) -> {
            if (topology.hasQueue(queue)) {
                List<QueueEntry> entries = m.entries(queue, this);
                if (!entries.isEmpty()) {
                    out.put(queue, entries);
                }
            }
        });
        return out;
    }

    /** Persistent messages of one queue: arrays in log order plus an index by sequence. */
    private static final class QueueMessages {
        private long[] sequences = new long[256];
        private Message[] bodies = new Message[256];
        private long[] segments = new long[256];
        private int count;
        private long highest = Long.MIN_VALUE;
        private final SequenceIndex index = new SequenceIndex();

        void publish(long sequence, Message message, long segment) {
            int at = sequence > highest ? -1 : index.get(sequence);
            highest = Math.max(highest, sequence);
            if (at < 0) {
                if (count == sequences.length) {
                    int n = count * 2;
                    sequences = Arrays.copyOf(sequences, n);
                    bodies = Arrays.copyOf(bodies, n);
                    segments = Arrays.copyOf(segments, n);
                }
                at = count++;
                sequences[at] = sequence;
                index.put(sequence, at);
            }
            bodies[at] = message;
            segments[at] = segment;
        }

        void ack(long sequence) {
            int at = index.get(sequence);
            if (at >= 0) {
                bodies[at] = null;
            }
        }

        List<QueueEntry> entries(String queue, Replay replay) {
            int[] order = new int[count];
            int live = 0;
            boolean sorted = true;
            for (int i = 0; i < count; i++) {
                if (bodies[i] != null) {
                    if (live > 0 && sequences[order[live - 1]] > sequences[i]) {
                        sorted = false;
                    }
                    order[live++] = i;
                }
            }
            if (!sorted) {
                Integer[] boxed = new Integer[live];
                for (int i = 0; i < live; i++) {
                    boxed[i] = order[i];
                }
                Arrays.sort(boxed, (a, b) -> Long.compare(sequences[a], sequences[b]));
                for (int i = 0; i < live; i++) {
                    order[i] = boxed[i];
                }
            }
            List<QueueEntry> out = new ArrayList<>(live);
            for (int k = 0; k < live; k++) {
                int i = order[k];
                QueueEntry e = new QueueEntry(sequences[i], bodies[i], QueueEntry.NO_EXPIRY);
                e.markRedelivered();
                replay.usage(segments[i]).add(e, queue);
                out.add(e);
            }
            return out;
        }
    }

    /** Open-addressing map from sequence number to array position; no boxing. */
    private static final class SequenceIndex {
        private long[] keys = new long[1024];
        private int[] values = filled(1024);
        private int size;

        private static int[] filled(int n) {
            int[] v = new int[n];
            Arrays.fill(v, -1);
            return v;
        }

        /** Sequences are mostly consecutive: their low bits spread them and keep lookups local. */
        private static int slot(long key, int mask) {
            return (int) (key ^ (key >>> 32)) & mask;
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] < 0) {
                    return -1;
                }
                if (keys[i] == key) {
                    return values[i];
                }
            }
        }

        void put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (values[i] >= 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            size++;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = filled(oldKeys.length * 2);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] >= 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
    }
}
