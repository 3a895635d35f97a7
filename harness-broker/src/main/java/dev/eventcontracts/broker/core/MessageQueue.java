package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.core.QueueArguments.Overflow;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.QueueEntry;
import dev.eventcontracts.broker.store.QueueStore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A queue: ready messages in a {@link QueueStore}, consumers served round-robin within their
 * prefetch, TTL, length limits, delivery limit and lease. Only its virtual host's thread touches it.
 */
final class MessageQueue {
    final String name;
    final boolean durable;
    final boolean exclusive;
    final boolean autoDelete;
    final Map<String, Object> arguments;
    /** The settings in force: the declared arguments combined with the queue's policy. */
    QueueArguments options;

    private final QueueArguments declared;
    private Policy policy;
    final ClientConnection owner;
    private final VirtualHost vhost;
    private final QueueStore store;
    private final ArrayDeque<Consumer> consumers = new ArrayDeque<>();
    private boolean hadConsumer;
    private boolean dispatching;
    /** Whether any consumer has an {@code x-priority} other than 0 (see {@link #nextByPriority()}). */
    private boolean prioritised;

    private boolean deleted;
    private long lastUsedNanos;
    private ScheduledFuture<?> expiryTimer;
    private long expiryTimerAt = Long.MAX_VALUE;
    private ScheduledFuture<?> leaseTimer;
    private int unacked;
    private long published;
    private long delivered;
    private long redelivered;
    private long acked;
    private long deadLettered;

    /** Outcome of offering a message to the queue. */
    enum Accepted {
        YES,
        REJECTED
    }

    MessageQueue(
            VirtualHost vhost,
            String name,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            Map<String, Object> arguments,
            QueueArguments options,
            ClientConnection owner,
            QueueStore store) {
        this.vhost = vhost;
        this.name = name;
        this.durable = durable;
        this.exclusive = exclusive;
        this.autoDelete = autoDelete;
        this.arguments = arguments;
        this.declared = options;
        this.policy = vhost.policies().forQueue(name).orElse(null);
        this.options = options.withPolicy(arguments, policy);
        this.owner = owner;
        this.store = store;
        touch();
        if (store.size() > 0) {
            restoreRecovered();
        }
    }

    /**
     * Re-applies TTL (counted from now) and length limits to messages a durable store recovered;
     * they keep their positions and stay flagged redelivered.
     */
    private void restoreRecovered() {
        for (QueueEntry e : store.drain()) {
            QueueEntry restored = e.restored(expiryFor(e.message()));
            vhost.memory().hold(restored.message());
            store.requeue(restored);
        }
        dropHeadOverLimit();
        scheduleExpiry();
    }

    /** The name of the policy in force, or null. */
    String policyName() {
        return policy == null ? null : policy.name();
    }

    /**
     * Applies the policy now in force (or none), as RabbitMQ does when policies change: new
     * limits drop or dead-letter the oldest ready messages at once, a new {@code expires} restarts
     * the lease from now, a new {@code message-ttl} applies to messages published from now on.
     */
    void applyPolicy(Policy next) {
        if (java.util.Objects.equals(policy, next)) {
            return;
        }
        policy = next;
        QueueArguments before = options;
        options = declared.withPolicy(arguments, next);
        if (!java.util.Objects.equals(before.expires(), options.expires())) {
            if (leaseTimer != null) {
                leaseTimer.cancel(false);
                leaseTimer = null;
            }
            touch(); // RabbitMQ restarts the expiry timer from now
        }
        dropHeadOverLimit();
        dispatch();
    }

    int messageCount() {
        return store.size();
    }

    int consumerCount() {
        return consumers.size();
    }

    boolean isDeleted() {
        return deleted;
    }

    boolean hasExclusiveConsumer() {
        return consumers.size() == 1 && consumers.peek().exclusive;
    }

    /** Marks the queue as used now (declare, get, consume) for {@code x-expires}. */
    void touch() {
        lastUsedNanos = vhost.nanoTime();
        scheduleLease();
    }

    Accepted enqueue(Message message) {
        int size = message.body().length;
        Overflow overflow = options.overflow();
        if (overflow != Overflow.DROP_HEAD && wouldExceed(size)) {
            if (overflow == Overflow.REJECT_PUBLISH_DLX) {
                vhost.deadLetter(this, new QueueEntry(0, message, QueueEntry.NO_EXPIRY), "maxlen");
            }
            return Accepted.REJECTED;
        }
        published++;
        QueueEntry entry = new QueueEntry(store.nextSequence(), message, expiryFor(message));
        vhost.memory().hold(message);
        if (store.size() == 0
                && !consumers.isEmpty()
                && !dispatching
                && !vhost.faults().paused(name)) {
            Consumer c = nextReadyConsumer();
            if (c != null) {
                store.bypassed(entry);
                c.session.deliver(c, this, entry);
                return Accepted.YES;
            }
        }
        store.append(entry);
        dropHeadOverLimit();
        dispatch();
        return Accepted.YES;
    }

    private void dropHeadOverLimit() {
        if (options.overflow() != Overflow.DROP_HEAD) {
            return;
        }
        while (store.size() > 0 && exceeded()) {
            QueueEntry head = store.poll();
            release(head);
            vhost.deadLetter(this, head, "maxlen");
        }
    }

    private boolean wouldExceed(int size) {
        return (options.maxLength() != null && store.size() + 1 > options.maxLength())
                || (options.maxLengthBytes() != null && store.bodyBytes() + size > options.maxLengthBytes());
    }

    private boolean exceeded() {
        return (options.maxLength() != null && store.size() > options.maxLength())
                || (options.maxLengthBytes() != null && store.bodyBytes() > options.maxLengthBytes());
    }

    private long expiryFor(Message message) {
        Long ttl = options.messageTtl();
        String expiration = message.properties().expiration();
        if (expiration != null) {
            long perMessage = Long.parseLong(expiration);
            ttl = ttl == null ? perMessage : Math.min(ttl, perMessage);
        }
        if (ttl == null) {
            return QueueEntry.NO_EXPIRY;
        }
        return after(vhost.nanoTime(), ttl);
    }

    /** {@code nanos} plus {@code millis}, saturating below {@link QueueEntry#NO_EXPIRY}. */
    private static long after(long nanos, long millis) {
        long delta = TimeUnit.MILLISECONDS.toNanos(millis);
        return delta >= QueueEntry.NO_EXPIRY - 1 - nanos ? QueueEntry.NO_EXPIRY - 1 : nanos + delta;
    }

    /** Delivers ready messages to consumers with capacity, dropping expired ones at the head. */
    void dispatch() {
        if (dispatching || deleted || vhost.faults().paused(name)) {
            return;
        }
        dispatching = true;
        try {
            while (true) {
                expireHead();
                if (store.size() == 0 || consumers.isEmpty()) {
                    break;
                }
                Consumer c = nextReadyConsumer();
                if (c == null) {
                    break;
                }
                c.session.deliver(c, this, store.poll());
            }
        } finally {
            dispatching = false;
        }
        scheduleExpiry();
    }

    private Consumer nextReadyConsumer() {
        if (prioritised) {
            return nextByPriority();
        }
        for (int i = consumers.size(); i > 0; i--) {
            Consumer c = consumers.pollFirst();
            consumers.addLast(c);
            if (c.canAccept()) {
                return c;
            }
        }
        return null;
    }

    /** The first ready consumer of the highest priority; it moves to the back (round-robin among equals). */
    private Consumer nextByPriority() {
        Consumer best = null;
        for (Consumer c : consumers) {
            if ((best == null || c.priority > best.priority) && c.canAccept()) {
                best = c;
            }
        }
        if (best != null) {
            consumers.remove(best);
            consumers.addLast(best);
        }
        return best;
    }

    private void expireHead() {
        long now = vhost.nanoTime();
        QueueEntry head;
        while ((head = store.peek()) != null && head.expiresAtNanos() <= now) {
            store.poll();
            release(head);
            vhost.deadLetter(this, head, "expired");
        }
    }

    private void scheduleExpiry() {
        QueueEntry head = store.peek();
        if (head == null || head.expiresAtNanos() == QueueEntry.NO_EXPIRY || deleted) {
            return;
        }
        long at = head.expiresAtNanos();
        if (expiryTimer != null && expiryTimerAt <= at) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        expiryTimerAt = at;
        expiryTimer = vhost.schedule(
                () -> {
                    expiryTimer = null;
                    expiryTimerAt = Long.MAX_VALUE;
                    dispatch();
                },
                Math.max(0, at - vhost.nanoTime()));
    }

    private void scheduleLease() {
        Long expires = options.expires();
        if (expires == null || deleted || !consumers.isEmpty()) {
            return;
        }
        if (leaseTimer != null) {
            leaseTimer.cancel(false);
        }
        long due = after(lastUsedNanos, expires);
        leaseTimer = vhost.schedule(
                () -> {
                    leaseTimer = null;
                    if (!deleted && consumers.isEmpty()) {
                        if (vhost.nanoTime() >= due) {
                            vhost.deleteQueue(this);
                        } else {
                            scheduleLease();
                        }
                    }
                },
                Math.max(0, due - vhost.nanoTime()));
    }

    /** Removes and returns the head for {@code basic.get}, or null. */
    QueueEntry fetch() {
        touch();
        expireHead();
        QueueEntry e = store.poll();
        scheduleExpiry();
        return e;
    }

    /** Puts a delivered entry back; applies the delivery limit. Call {@link #dispatch()} afterwards. */
    void requeue(QueueEntry entry, boolean countDelivery) {
        if (deleted) {
            vhost.memory().release(entry.message());
            return;
        }
        unacked--;
        entry.markRedelivered();
        if (countDelivery && options.tracksDeliveryCount()) {
            entry.incrementDeliveryCount();
            if (options.deliveryLimit() != null && entry.deliveryCount() > options.deliveryLimit()) {
                release(entry);
                vhost.deadLetter(this, entry, "delivery_limit");
                return;
            }
        }
        store.requeue(entry);
        dropHeadOverLimit();
    }

    /** An entry leaves the queue for good: the store forgets it and the memory alarm stops counting it. */
    private void release(QueueEntry entry) {
        store.settled(entry);
        vhost.memory().release(entry.message());
    }

    /** A delivered entry was acknowledged (or otherwise finished). */
    void settle(QueueEntry entry) {
        unacked--;
        acked++;
        release(entry);
    }

    /** Counts a delivery (consume or get) of {@code entry}; it stays outstanding until settled. */
    void delivered(QueueEntry entry) {
        unacked++;
        delivered++;
        if (entry.redelivered()) {
            redelivered++;
        }
    }

    /** Counts a message that left this queue for its dead-letter exchange. */
    void countDeadLettered() {
        deadLettered++;
    }

    /** A snapshot for the admin API. */
    Views.QueueView view() {
        return new Views.QueueView(
                name,
                durable,
                exclusive,
                autoDelete,
                arguments,
                store.size(),
                unacked,
                store.bodyBytes(),
                consumers.size(),
                new Views.QueueCounters(published, delivered, redelivered, acked, deadLettered),
                policyName());
    }

    /** Up to {@code limit} ready entries from the head, without removing them. */
    List<QueueEntry> peek(int limit) {
        expireHead();
        return store.snapshot(limit);
    }

    /** A delivered entry was rejected without requeue. */
    void reject(QueueEntry entry) {
        unacked--;
        release(entry);
        if (!deleted) {
            vhost.deadLetter(this, entry, "rejected");
        }
    }

    void addConsumer(Consumer c) {
        consumers.addLast(c);
        prioritised |= c.priority != 0;
        hadConsumer = true;
        if (leaseTimer != null) {
            leaseTimer.cancel(false);
            leaseTimer = null;
        }
        dispatch();
    }

    /** Removes a consumer; true when the queue should now be auto-deleted. */
    boolean removeConsumer(Consumer c) {
        consumers.remove(c);
        prioritised = consumers.stream().anyMatch(x -> x.priority != 0);
        if (consumers.isEmpty()) {
            touch();
        }
        return consumers.isEmpty() && autoDelete && hadConsumer && !deleted;
    }

    int purge() {
        List<QueueEntry> all = store.drain();
        for (QueueEntry e : all) {
            release(e);
        }
        return all.size();
    }

    /** Marks deleted and returns the consumers to notify. */
    List<Consumer> markDeleted() {
        deleted = true;
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        if (leaseTimer != null) {
            leaseTimer.cancel(false);
        }
        List<Consumer> gone = List.copyOf(consumers);
        consumers.clear();
        return gone;
    }
}
