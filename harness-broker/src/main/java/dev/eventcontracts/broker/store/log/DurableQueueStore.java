package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.MemoryQueueStore;
import dev.eventcontracts.broker.store.QueueEntry;
import dev.eventcontracts.broker.store.QueueStore;
import java.util.List;

/**
 * A durable queue: entries live in memory, persistent ones ({@code delivery_mode=2}) are also
 * logged when they enter and when they are settled for good. Each logged entry holds a slot in the
 * usage of the segment its record is in, which tells compaction what is still live.
 */
final class DurableQueueStore implements QueueStore {
    private final String queue;
    private final MemoryQueueStore memory;
    private final LogMessageStore store;
    private boolean deleted;

    DurableQueueStore(String queue, MemoryQueueStore memory, LogMessageStore store) {
        this.queue = queue;
        this.memory = memory;
        this.store = store;
    }

    /** The queue was deleted: later settlements of its deliveries are not logged. */
    void markDeleted() {
        deleted = true;
    }

    private boolean persistent(QueueEntry e) {
        if (deleted) {
            return false;
        }
        Integer mode = e.message().properties().deliveryMode();
        return mode != null && mode == 2;
    }

    @Override
    public void append(QueueEntry entry) {
        memory.append(entry);
        bypassed(entry);
    }

    @Override
    public void bypassed(QueueEntry entry) {
        if (persistent(entry)) {
            store.published(queue, entry);
        }
    }

    @Override
    public void requeue(QueueEntry entry) {
        store.adopt(entry);
        memory.requeue(entry);
    }

    @Override
    public QueueEntry peek() {
        return memory.peek();
    }

    @Override
    public QueueEntry poll() {
        return memory.poll();
    }

    @Override
    public void settled(QueueEntry entry) {
        if (persistent(entry)) {
            store.settled(queue, entry);
        } else {
            store.release(entry);
        }
    }

    @Override
    public int size() {
        return memory.size();
    }

    @Override
    public long bodyBytes() {
        return memory.bodyBytes();
    }

    @Override
    public List<QueueEntry> snapshot(int limit) {
        return memory.snapshot(limit);
    }

    @Override
    public List<QueueEntry> drain() {
        return memory.drain();
    }

    @Override
    public long nextSequence() {
        return memory.nextSequence();
    }
}
