package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.core.Views;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Publish and deliver rates per queue, in messages per second, computed from the counters seen
 * at the previous request (0 on the first one). Used on the broker's thread only.
 */
final class Rates {
    /** Rates of one queue. */
    record Sample(double publishRate, double deliverRate) {}

    private record Seen(long atNanos, long published, long delivered) {}

    private final LongSupplier nanoClock;
    private final Map<String, Seen> seen = new HashMap<>();

    Rates(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Sample sample(Views.QueueView q) {
        long now = nanoClock.getAsLong();
        Views.QueueCounters c = q.counters();
        Seen before = seen.put(q.name(), new Seen(now, c.published(), c.delivered()));
        if (before == null || now <= before.atNanos()) {
            return new Sample(0, 0);
        }
        double seconds = (now - before.atNanos()) / 1e9;
        return new Sample(
                round((c.published() - before.published()) / seconds),
                round((c.delivered() - before.delivered()) / seconds));
    }

    /** Forgets queues that no longer exist. */
    void retain(Set<String> queues) {
        seen.keySet().retainAll(queues);
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }
}
