package dev.eventcontracts.broker.faults;

import java.time.Duration;

/** Argument checks shared by the fault rules. */
final class Checks {
    private Checks() {}

    static void queue(String queue) {
        if (queue == null || queue.isEmpty()) {
            throw new IllegalArgumentException(
                    "a fault rule needs the name of the queue it applies to, got '" + queue + "'");
        }
    }

    static void exchange(String exchange) {
        if (exchange == null) {
            throw new IllegalArgumentException("a publish fault rule needs the name of the exchange it applies to"
                    + " (\"\" for the default exchange), got 'null'");
        }
    }

    static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("fault rule '" + what + "' must be at least 1, got '" + value + "'");
        }
    }

    static void positive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "fault rule '" + what + "' must be a positive duration, got '" + value + "'");
        }
    }
}
