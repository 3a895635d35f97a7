package dev.eventcontracts.broker.store;

import java.util.List;

/**
 * The ready messages of one queue, in queue order. The broker core owns the single thread that
 * calls it. A durable implementation writes through; the in-memory one only keeps them.
 */
public interface QueueStore {

    /** Adds an entry at the tail. */
    void append(QueueEntry entry);

    /**
     * An entry that went straight to a consumer without being appended (the queue was empty). A
     * durable store records it as if appended; it is settled later like any other.
     */
    default void bypassed(QueueEntry entry) {}

    /** Puts a delivered entry back at its original position (by sequence number). */
    void requeue(QueueEntry entry);

    /** The head entry without removing it, or null when empty. */
    QueueEntry peek();

    /** Removes and returns the head entry, or null when empty. */
    QueueEntry poll();

    /** Called once a delivered entry is settled for good (acked, dead-lettered or dropped). */
    void settled(QueueEntry entry);

    /** Number of ready entries. */
    int size();

    /** Sum of the body sizes of the ready entries. */
    long bodyBytes();

    /** Up to {@code limit} ready entries from the head, in order, without removing them. */
    List<QueueEntry> snapshot(int limit);

    /** Removes every ready entry and returns them in order. */
    List<QueueEntry> drain();

    /** The next sequence number for this queue. */
    long nextSequence();
}
