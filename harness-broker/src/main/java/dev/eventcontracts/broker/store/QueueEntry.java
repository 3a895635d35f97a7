package dev.eventcontracts.broker.store;

/**
 * A message's place in one queue: its position (sequence number), whether it was delivered
 * before, how often it was returned, and when it expires. Mutated only by the queue's owner.
 */
public final class QueueEntry {
    /** Marker for "never expires". */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    private final long sequence;
    private final Message message;
    private final long expiresAtNanos;
    private boolean redelivered;
    private int deliveryCount;
    private Object storeSegment;
    private int storeSlot;

    /** A fresh entry at position {@code sequence}. */
    public QueueEntry(long sequence, Message message, long expiresAtNanos) {
        this.sequence = sequence;
        this.message = message;
        this.expiresAtNanos = expiresAtNanos;
    }

    /** Position in the queue; requeued entries go back to it. */
    public long sequence() {
        return sequence;
    }

    /** The message. */
    public Message message() {
        return message;
    }

    /** When the entry expires on the broker's nano clock, or {@link #NO_EXPIRY}. */
    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    /** Whether it was delivered before. */
    public boolean redelivered() {
        return redelivered;
    }

    /** Marks it as delivered before. */
    public void markRedelivered() {
        this.redelivered = true;
    }

    /** How many times it was returned to the queue after a delivery. */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Counts one more return. */
    public void incrementDeliveryCount() {
        deliveryCount++;
    }

    /**
     * The same message at the same position with a new expiry, flagged redelivered: a recovered
     * entry whose TTL starts again. It keeps the durable store's handle.
     */
    public QueueEntry restored(long newExpiresAtNanos) {
        QueueEntry e = new QueueEntry(sequence, message, newExpiresAtNanos);
        e.redelivered = true;
        e.storeSegment = storeSegment;
        e.storeSlot = storeSlot;
        return e;
    }

    /** Where a durable store logged this entry (opaque to the core), or null. */
    public Object storeSegment() {
        return storeSegment;
    }

    /** The entry's slot in {@link #storeSegment()}. */
    public int storeSlot() {
        return storeSlot;
    }

    /** Records where a durable store logged this entry; {@code segment} null clears it. */
    public void storeHandle(Object segment, int slot) {
        this.storeSegment = segment;
        this.storeSlot = slot;
    }
}
