package dev.eventcontracts.broker.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The ready messages of one queue in memory: a deque of fresh entries plus a small heap of
 * requeued ones. Every requeued entry was taken from the head earlier, so it precedes everything
 * still in the deque, and the heap restores original positions among the requeued.
 */
public final class MemoryQueueStore implements QueueStore {
    private final ArrayDeque<QueueEntry> fresh = new ArrayDeque<>();
    private final PriorityQueue<QueueEntry> requeued =
            new PriorityQueue<>(Comparator.comparingLong(QueueEntry::sequence));
    private long bytes;
    private long sequence;

    /** An empty queue whose sequence numbers start after {@code lastSequence}. */
    public MemoryQueueStore(long lastSequence) {
        this.sequence = lastSequence;
    }

    @Override
    public void append(QueueEntry entry) {
        fresh.addLast(entry);
        bytes += entry.message().body().length;
    }

    @Override
    public void requeue(QueueEntry entry) {
        requeued.add(entry);
        bytes += entry.message().body().length;
    }

    @Override
    public QueueEntry peek() {
        QueueEntry r = requeued.peek();
        return r != null ? r : fresh.peekFirst();
    }

    @Override
    public QueueEntry poll() {
        QueueEntry e = requeued.poll();
        if (e == null) {
            e = fresh.pollFirst();
        }
        if (e != null) {
            bytes -= e.message().body().length;
        }
        return e;
    }

    @Override
    public void settled(QueueEntry entry) {
        // nothing to release
    }

    @Override
    public int size() {
        return fresh.size() + requeued.size();
    }

    @Override
    public long bodyBytes() {
        return bytes;
    }

    @Override
    public List<QueueEntry> snapshot(int limit) {
        List<QueueEntry> out = new ArrayList<>(Math.min(limit, size()));
        List<QueueEntry> back = new ArrayList<>(requeued);
        back.sort(Comparator.comparingLong(QueueEntry::sequence));
        for (QueueEntry e : back) {
            if (out.size() == limit) {
                return out;
            }
            out.add(e);
        }
        for (QueueEntry e : fresh) {
            if (out.size() == limit) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public List<QueueEntry> drain() {
        List<QueueEntry> all = new ArrayList<>(size());
        QueueEntry e;
        while ((e = poll()) != null) {
            all.add(e);
        }
        return all;
    }

    @Override
    public long nextSequence() {
        return ++sequence;
    }
}
