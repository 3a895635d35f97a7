package dev.eventcontracts.broker.core;

/** A subscription of one channel to one queue. */
final class Consumer {
    final String tag;
    final Session session;
    final MessageQueue queue;
    final boolean noAck;
    final boolean exclusive;
    final int prefetch;
    /** {@code x-priority}: higher-priority consumers are served first (0 by default). */
    final int priority;

    int unacked;

    Consumer(String tag, Session session, MessageQueue queue, boolean noAck, boolean exclusive, int prefetch) {
        this(tag, session, queue, noAck, exclusive, prefetch, 0);
    }

    Consumer(
            String tag,
            Session session,
            MessageQueue queue,
            boolean noAck,
            boolean exclusive,
            int prefetch,
            int priority) {
        this.tag = tag;
        this.session = session;
        this.queue = queue;
        this.noAck = noAck;
        this.exclusive = exclusive;
        this.prefetch = prefetch;
        this.priority = priority;
    }

    boolean canAccept() {
        if (!session.isReceiving()) {
            return false;
        }
        if (noAck) {
            // as RabbitMQ 3.10's channel limiter: a reached channel-wide (global) prefetch also
            // holds back no-ack deliveries, though they do not count towards it
            return session.hasGlobalCapacity();
        }
        return (prefetch == 0 || unacked < prefetch) && session.hasGlobalCapacity();
    }
}
