package dev.eventcontracts.broker.core;

/** A subscription of one channel to one queue. */
final class Consumer {
    final String tag;
    final Session session;
    final MessageQueue queue;
    final boolean noAck;
    final boolean exclusive;
    final int prefetch;
    int unacked;

    Consumer(String tag, Session session, MessageQueue queue, boolean noAck, boolean exclusive, int prefetch) {
        this.tag = tag;
        this.session = session;
        this.queue = queue;
        this.noAck = noAck;
        this.exclusive = exclusive;
        this.prefetch = prefetch;
    }

    boolean canAccept() {
        if (!session.isReceiving()) {
            return false;
        }
        if (noAck) {
            return true;
        }
        return (prefetch == 0 || unacked < prefetch) && session.hasGlobalCapacity();
    }
}
