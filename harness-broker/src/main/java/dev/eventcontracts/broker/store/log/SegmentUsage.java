package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.QueueEntry;
import java.util.Arrays;

/**
 * Which records of one segment are still needed: a slot per persistent message published into it
 * (cleared when the message is settled, its queue deleted or it was copied to a newer segment),
 * and whether it holds topology records. A segment with no live slot can go once a topology
 * snapshot newer than it is on disk. Broker thread only.
 */
final class SegmentUsage {
    final long index;
    private QueueEntry[] entries = new QueueEntry[16];
    private String[] queues = new String[16];
    private int size;
    private int live;
    private boolean topology;

    SegmentUsage(long index) {
        this.index = index;
    }

    /** Takes a slot for {@code entry} of {@code queue} and records it on the entry. */
    void add(QueueEntry entry, String queue) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
            queues = Arrays.copyOf(queues, size * 2);
        }
        entries[size] = entry;
        queues[size] = queue;
        entry.storeHandle(this, size);
        size++;
        live++;
    }

    /** Frees the slot of {@code entry} if it still holds it; returns whether it did. */
    boolean remove(QueueEntry entry) {
        int slot = entry.storeSlot();
        if (slot < size && entries[slot] == entry) {
            free(slot);
            entry.storeHandle(null, 0);
            return true;
        }
        return false;
    }

    /**
     * {@code entry} replaced the entry in its slot (same message and position, e.g. recovered
     * entries re-created with their TTL); the slot follows it.
     */
    void adopt(QueueEntry entry) {
        int slot = entry.storeSlot();
        if (slot < size
                && entries[slot] != null
                && entries[slot] != entry
                && entries[slot].sequence() == entry.sequence()
                && entries[slot].message() == entry.message()) {
            entries[slot] = entry;
        }
    }

    /** Frees every slot of {@code queue}. */
    void removeQueue(String queue) {
        for (int i = 0; i < size; i++) {
            if (entries[i] != null && queues[i].equals(queue)) {
                entries[i].storeHandle(null, 0);
                free(i);
            }
        }
    }

    private void free(int slot) {
        entries[slot] = null;
        queues[slot] = null;
        live--;
    }

    /** Slots ever taken. */
    int size() {
        return size;
    }

    /** Slots still live. */
    int live() {
        return live;
    }

    /** The entry in {@code slot}, or null. */
    QueueEntry entry(int slot) {
        return entries[slot];
    }

    /** The queue of {@code slot}. */
    String queue(int slot) {
        return queues[slot];
    }

    /** Clears {@code slot} after its entry moved to another segment (which updated the entry). */
    void moved(int slot) {
        free(slot);
    }

    void markTopology() {
        topology = true;
    }

    boolean hasTopology() {
        return topology;
    }
}
