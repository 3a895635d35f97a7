package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The delivery bookkeeping of one channel: delivery tags, the unacknowledged deliveries, the
 * channel-wide prefetch, and settling them ({@code ack}, {@code nack}, {@code reject}, {@code
 * recover}, requeue on close), held back until {@code tx.commit} in a transaction. Runs on the
 * virtual host's thread; the queues it touches are returned, for the session to dispatch.
 */
final class Deliveries {
    private final VirtualHost vhost;
    private final LinkedHashMap<Long, Delivery> unacked = new LinkedHashMap<>();
    /** Settlements held back until {@code tx.commit}. */
    private final List<Map.Entry<Settle, List<Delivery>>> held = new ArrayList<>();

    private long nextTag = 1;
    private int globalPrefetch;
    private int globalUnacked;
    /** The copy a duplicate fault rule left for the channel's next {@code basic.get}. */
    private Delivery getCopy;

    /** One unacknowledged delivery; a {@code copy} (fault rule duplicate) settles nothing. */
    record Delivery(
            long tag,
            MessageQueue queue,
            QueueEntry entry,
            dev.eventcontracts.broker.core.Consumer consumer,
            boolean copy) {}

    /** What to do with settled deliveries. */
    enum Settle {
        ACK,
        REQUEUE,
        REJECT
    }

    Deliveries(VirtualHost vhost) {
        this.vhost = vhost;
    }

    /** The next delivery tag of the channel. */
    long nextTag() {
        return nextTag++;
    }

    int unackedCount() {
        return unacked.size();
    }

    /** {@code basic.qos} with {@code global=true}. */
    void globalPrefetch(int count) {
        globalPrefetch = count;
    }

    /** Whether the channel-wide prefetch leaves room for one more delivery. */
    boolean hasGlobalCapacity() {
        return globalPrefetch == 0 || globalUnacked < globalPrefetch;
    }

    /**
     * Books a delivery of {@code e} to consumer {@code c} under {@code tag}: settled at once for a
     * no-ack consumer, else unacknowledged. Call after reading {@code e.redelivered()}.
     */
    void toConsumer(long tag, dev.eventcontracts.broker.core.Consumer c, MessageQueue q, QueueEntry e) {
        if (c.noAck) {
            q.settle(e);
        } else {
            track(new Delivery(tag, q, e, c, false));
        }
    }

    /** Books a fault rule's copy of a consumer delivery (its settlement touches no message). */
    void copyToConsumer(long tag, dev.eventcontracts.broker.core.Consumer c, MessageQueue q, QueueEntry e) {
        if (!c.noAck) {
            track(new Delivery(tag, q, e, c, true));
        }
    }

    /** Books a {@code basic.get} answer: settled at once with {@code no-ack}, else unacknowledged. */
    void toGet(long tag, boolean noAck, MessageQueue q, QueueEntry e, boolean copy) {
        if (noAck) {
            if (!copy) {
                q.settle(e);
            }
        } else {
            unacked.put(tag, new Delivery(tag, q, e, null, copy));
        }
    }

    /** Leaves a copy of {@code e} for the channel's next {@code basic.get} on {@code q}. */
    void leaveGetCopy(MessageQueue q, QueueEntry e) {
        getCopy = new Delivery(0, q, e, null, true);
    }

    /** Takes the copy left for a {@code basic.get} on {@code q}, or null. */
    QueueEntry takeGetCopy(MessageQueue q) {
        Delivery copy = getCopy;
        if (copy == null || copy.queue() != q) {
            return null;
        }
        getCopy = null;
        return copy.entry();
    }

    private void track(Delivery d) {
        unacked.put(d.tag, d);
        d.consumer.unacked++;
        globalUnacked++;
    }

    /**
     * Takes delivery {@code tag}, or with {@code multiple} every delivery up to it ({@code 0}: all).
     *
     * @throws AmqpException 406 for an unknown tag
     */
    List<Delivery> take(long tag, boolean multiple) {
        List<Delivery> taken = new ArrayList<>();
        if (multiple) {
            if (tag != 0 && !unacked.containsKey(tag)) {
                throw unknownTag(tag);
            }
            Iterator<Delivery> it = unacked.values().iterator();
            while (it.hasNext()) {
                Delivery d = it.next();
                if (tag != 0 && d.tag > tag) {
                    break;
                }
                it.remove();
                taken.add(d);
            }
        } else {
            Delivery d = unacked.remove(tag);
            if (d == null) {
                throw unknownTag(tag);
            }
            taken.add(d);
        }
        return taken;
    }

    private static AmqpException unknownTag(long tag) {
        return AmqpException.preconditionFailed("unknown delivery tag " + tag);
    }

    /**
     * Settles {@code deliveries} as {@code how}, or holds them back until {@code tx.commit}.
     *
     * @return the queues touched, to dispatch; null when nothing was settled now
     */
    Set<MessageQueue> settle(List<Delivery> deliveries, Settle how, boolean transactional) {
        if (deliveries.isEmpty()) {
            return null;
        }
        if (transactional) {
            held.add(Map.entry(how, deliveries));
            return null;
        }
        Set<MessageQueue> touched = new LinkedHashSet<>();
        apply(deliveries, how, touched);
        return touched;
    }

    /** Requeues every unacknowledged delivery ({@code basic.recover}, channel close). */
    void requeueAll(Set<MessageQueue> touched) {
        apply(take(0, true), Settle.REQUEUE, touched);
    }

    /** {@code tx.commit}: applies the held settlements, in order. */
    void commit(Set<MessageQueue> touched) {
        var settlements = new ArrayList<>(held);
        held.clear();
        for (var s : settlements) {
            apply(s.getValue(), s.getKey(), touched);
        }
    }

    /** {@code tx.rollback} and close: held settlements become unacknowledged again, in tag order. */
    void restoreHeld() {
        if (held.isEmpty()) {
            return;
        }
        TreeMap<Long, Delivery> all = new TreeMap<>();
        unacked.values().forEach(d -> all.put(d.tag, d));
        held.forEach(s -> s.getValue().forEach(d -> all.put(d.tag, d)));
        held.clear();
        unacked.clear();
        unacked.putAll(all);
    }

    private void apply(List<Delivery> deliveries, Settle how, Set<MessageQueue> touched) {
        for (Delivery d : deliveries) {
            if (d.consumer != null) {
                d.consumer.unacked--;
                globalUnacked--;
            }
            if (d.copy) {
                continue;
            }
            switch (how) {
                case ACK -> {
                    if (vhost.faults().loseAck(d.queue.name)) {
                        d.queue.requeue(d.entry, false);
                    } else {
                        d.queue.settle(d.entry);
                    }
                }
                case REQUEUE -> d.queue.requeue(d.entry, true);
                case REJECT -> d.queue.reject(d.entry);
            }
            touched.add(d.queue);
        }
    }
}
