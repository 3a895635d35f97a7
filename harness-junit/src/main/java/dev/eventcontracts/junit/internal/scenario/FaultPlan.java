package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.internal.amqp.ListenerContainer.Incoming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * Transient failures a scenario injects. In {@link Mode#PUBLISHER} mode the consumer's first
 * publish in a targeted attempt fails, so the failure travels through the consumer's own code;
 * consumers that publish nothing fail at the handler boundary ({@link Mode#BOUNDARY}), as if
 * their first I/O had failed.
 */
final class FaultPlan {

    /** Where the failure is injected. */
    enum Mode {
        PUBLISHER,
        BOUNDARY
    }

    private final Mode mode;
    private final Predicate<Incoming> target;
    private final ThreadLocal<Incoming> current = new ThreadLocal<>();
    private final ThreadLocal<Boolean> fired = ThreadLocal.withInitial(() -> false);

    private FaultPlan(Mode mode, Predicate<Incoming> target) {
        this.mode = mode;
        this.target = target;
    }

    static FaultPlan none() {
        return new FaultPlan(Mode.BOUNDARY, i -> false);
    }

    static FaultPlan transientFailure(Mode mode, Predicate<Incoming> target) {
        return new FaultPlan(mode, target);
    }

    Mode mode() {
        return mode;
    }

    /** Called by the processor around the handler, on the container's worker thread. */
    void enter(Incoming incoming) {
        current.set(incoming);
        fired.set(false);
        if (mode == Mode.BOUNDARY && target.test(incoming)) {
            fired.set(true);
            throw failure("before the handler ran", incoming);
        }
    }

    void exit() {
        current.remove();
    }

    /** Called by the publisher: the exception to throw instead of publishing, or null. */
    RuntimeException beforePublish() {
        Incoming incoming = current.get();
        if (mode != Mode.PUBLISHER || incoming == null || fired.get() || !target.test(incoming)) {
            return null;
        }
        fired.set(true);
        return failure("while publishing", incoming);
    }

    private static UncheckedIOException failure(String where, Incoming incoming) {
        return new UncheckedIOException(new IOException("Connection reset " + where + " (transient failure injected"
                + " by event-contracts, attempt " + incoming.attempt() + ")"));
    }
}
