package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.faults.Faults.ActiveFault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * The active fault rules of a virtual host and the decisions they make at publish, delivery, ack
 * and dispatch time. Runs on the virtual host's thread only; with no rules every hook is a no-op.
 */
final class FaultInjector {
    private final VirtualHost vhost;
    private final LongSupplier wallClockMillis;
    private final List<Active> rules = new ArrayList<>();
    private long ids;

    /** One active rule with its progress. */
    private static final class Active {
        final long id;
        final FaultRule rule;
        final long endsAtMillis;
        int applied;
        ScheduledFuture<?> timer;
        final List<Runnable> held = new ArrayList<>();

        Active(long id, FaultRule rule, long endsAtMillis) {
            this.id = id;
            this.rule = rule;
            this.endsAtMillis = endsAtMillis;
        }

        ActiveFault view() {
            return new ActiveFault(id, rule, applied, endsAtMillis);
        }
    }

    /** What the rules decided for one delivery. */
    record Plan(
            boolean duplicate,
            long delayNanos,
            Active reorder,
            boolean closeChannel,
            boolean closeConnection,
            boolean restart) {
        static final Plan NONE = new Plan(false, 0, null, false, false, false);
    }

    FaultInjector(VirtualHost vhost, LongSupplier wallClockMillis) {
        this.vhost = vhost;
        this.wallClockMillis = wallClockMillis;
    }

    ActiveFault add(FaultRule rule) {
        if (rule instanceof FaultRule.RestartBroker && !vhost.canRestart()) {
            throw new IllegalArgumentException("fault rule RestartBroker needs a broker that can restart;"
                    + " this virtual host runs without a HarnessBroker around it");
        }
        long now = wallClockMillis.getAsLong();
        Active a = new Active(++ids, rule, endsAt(rule, now));
        rules.add(a);
        if (rule instanceof FaultRule.PauseQueue p) {
            a.timer = vhost.schedule(() -> end(a), p.duration().toNanos());
        }
        return a.view();
    }

    private static long endsAt(FaultRule rule, long now) {
        if (rule instanceof FaultRule.PauseQueue p) {
            return now + p.duration().toMillis();
        }
        return 0;
    }

    List<ActiveFault> active() {
        return rules.stream().map(Active::view).toList();
    }

    boolean remove(long id) {
        for (Active a : rules) {
            if (a.id == id) {
                end(a);
                return true;
            }
        }
        return false;
    }

    void clear() {
        for (Active a : new ArrayList<>(rules)) {
            end(a);
        }
    }

    private void end(Active a) {
        if (!rules.remove(a)) {
            return;
        }
        if (a.timer != null) {
            a.timer.cancel(false);
        }
        flushReversed(a);
        if (a.rule instanceof FaultRule.PauseQueue p) {
            MessageQueue q = vhost.queue(p.queue());
            if (q != null) {
                q.dispatch();
            }
        }
    }

    private static void flushReversed(Active a) {
        List<Runnable> sends = new ArrayList<>(a.held);
        a.held.clear();
        Collections.reverse(sends);
        sends.forEach(Runnable::run);
    }

    /** Whether a pause rule holds back deliveries from {@code queue}. */
    boolean paused(String queue) {
        if (rules.isEmpty()) {
            return false;
        }
        for (Active a : rules) {
            if (a.rule instanceof FaultRule.PauseQueue p && p.queue().equals(queue)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the ack of a delivery from {@code queue} is lost (counts against a rule). */
    boolean loseAck(String queue) {
        for (Active a : rules) {
            if (a.rule instanceof FaultRule.LoseAcks l && l.queue().equals(queue)) {
                countOnce(a, l.times());
                return true;
            }
        }
        return false;
    }

    private void countOnce(Active a, int limit) {
        a.applied++;
        if (a.applied >= limit) {
            end(a);
        }
    }

    /**
     * The publish rule that faults a client's publish to {@code exchange} with {@code routingKey}
     * (counted against it), or {@code null} when none matches: the oldest matching rule applies.
     */
    FaultRule.PublishRule onPublish(String exchange, String routingKey) {
        if (rules.isEmpty()) {
            return null;
        }
        for (Active a : rules) {
            if (a.rule instanceof FaultRule.PublishRule p && p.matches(exchange, routingKey)) {
                countOnce(a, p.times());
                return p;
            }
        }
        return null;
    }

    /** Decides the faults of one delivery from {@code queue} to a consumer. */
    Plan onDelivery(String queue) {
        return plan(queue, false);
    }

    /**
     * Decides the faults of one {@code basic.get} answer from {@code queue}: like a delivery,
     * except that reordering does not apply (a polling client waits for each answer before it asks
     * again, so holding answers back for a batch would stall it).
     */
    Plan onGet(String queue) {
        return plan(queue, true);
    }

    private Plan plan(String queue, boolean get) {
        if (rules.isEmpty()) {
            return Plan.NONE;
        }
        boolean duplicate = false;
        long delay = 0;
        Active reorder = null;
        boolean closeChannel = false;
        boolean closeConnection = false;
        boolean restart = false;
        for (Active a : new ArrayList<>(rules)) {
            if (!(a.rule instanceof FaultRule.QueueRule rule) || !rule.queue().equals(queue)) {
                continue;
            }
            if (rule instanceof FaultRule.DuplicateDeliveries d) {
                duplicate = true;
                countOnce(a, d.times());
            } else if (rule instanceof FaultRule.DelayDeliveries d) {
                delay = Math.max(delay, d.delay().toNanos());
                countOnce(a, d.times());
            } else if (rule instanceof FaultRule.ReorderDeliveries) {
                reorder = reorder == null && !get ? a : reorder;
            } else if (rule instanceof FaultRule.CloseChannelAfter c) {
                if (++a.applied >= c.deliveries()) {
                    closeChannel = true;
                    end(a);
                }
            } else if (rule instanceof FaultRule.CloseConnectionAfter c) {
                if (++a.applied >= c.deliveries()) {
                    closeConnection = true;
                    end(a);
                }
            } else if (rule instanceof FaultRule.RestartBroker r) {
                if (++a.applied >= r.deliveries()) {
                    restart = true;
                    end(a);
                }
            }
        }
        if (!duplicate && delay == 0 && reorder == null && !closeChannel && !closeConnection && !restart) {
            return Plan.NONE;
        }
        return new Plan(duplicate, delay, reorder, closeChannel, closeConnection, restart);
    }

    /** Sends one delivery as {@code plan} says: now, later, or held for reordering. */
    void emit(Plan plan, Runnable send) {
        Active a = plan.reorder();
        if (a != null && rules.contains(a)) {
            FaultRule.ReorderDeliveries r = (FaultRule.ReorderDeliveries) a.rule;
            a.held.add(send);
            if (a.timer == null) {
                a.timer = vhost.schedule(() -> end(a), r.maxWait().toNanos());
            }
            if (++a.applied >= r.batch()) {
                end(a);
            }
            return;
        }
        if (plan.delayNanos() > 0) {
            vhost.schedule(send, plan.delayNanos());
        } else {
            send.run();
        }
    }
}
