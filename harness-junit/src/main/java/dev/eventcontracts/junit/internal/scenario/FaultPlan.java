package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.internal.effects.HttpStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * Transient failures a scenario injects where the consumer does I/O, so the failure travels
 * through the consumer's own code: in {@link Mode#PUBLISHER} mode its first publish through {@code
 * ctx.publisher()} in a targeted attempt fails; in {@link Mode#HTTP} mode the HTTP stub answers 503
 * during the attempt; in {@link Mode#FAULT_POINT} mode the first {@code ctx.faultPoint()} call of
 * the attempt fails. {@link Mode#BOUNDARY} (failing before the handler runs) is used only for
 * messages whose fate, not the consumer's code, is under test.
 */
final class FaultPlan {

    /** Where the failure is injected. */
    enum Mode {
        PUBLISHER,
        HTTP,
        FAULT_POINT,
        BOUNDARY
    }

    /**
     * The attempt the handler is in: which message (or Kafka record label) and which attempt.
     *
     * @param messageId the message id, or the record's label on Kafka
     * @param attempt the attempt, 1-based
     */
    record Attempt(String messageId, int attempt) {}

    private final Mode mode;
    private final Predicate<Attempt> target;
    // one delivery is in the handler at a time while failures are injected (one instance, prefetch
    // 1), and an async handler's I/O runs on other threads: so plain fields, not thread-locals
    private volatile Attempt current;
    private final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
    private final HttpStub http;

    private FaultPlan(Mode mode, Predicate<Attempt> target, HttpStub http) {
        this.mode = mode;
        this.target = target;
        this.http = http;
    }

    static FaultPlan none() {
        return new FaultPlan(Mode.BOUNDARY, i -> false, null);
    }

    static FaultPlan transientFailure(Mode mode, Predicate<Attempt> target, HttpStub http) {
        return new FaultPlan(mode, target, http);
    }

    Mode mode() {
        return mode;
    }

    /** Called by the processor around the handler, on the container's worker thread. */
    void enter(Attempt attempt) {
        current = attempt;
        fired.set(false);
        if (mode == Mode.BOUNDARY && target.test(attempt)) {
            fired.set(true);
            throw failure("before the handler ran", attempt);
        }
        if (mode == Mode.HTTP && target.test(attempt)) {
            fired.set(true);
            http.failRequests();
        }
    }

    void exit() {
        if (mode == Mode.HTTP && fired.get()) {
            http.succeedRequests();
        }
        current = null;
    }

    /** Called by the publisher: the exception to throw instead of publishing, or null. */
    RuntimeException beforePublish() {
        return fire(Mode.PUBLISHER, "while publishing");
    }

    /** Called by a fixture's fault point: the exception to throw instead of the I/O, or null. */
    RuntimeException atFaultPoint(String operation) {
        return fire(Mode.FAULT_POINT, "at '" + operation + "'");
    }

    private RuntimeException fire(Mode at, String where) {
        Attempt attempt = current;
        if (mode != at || attempt == null || !target.test(attempt) || !fired.compareAndSet(false, true)) {
            return null;
        }
        return failure(where, attempt);
    }

    private static UncheckedIOException failure(String where, Attempt attempt) {
        return new UncheckedIOException(new IOException("Connection reset " + where + " (transient failure injected"
                + " by event-contracts, attempt " + attempt.attempt() + ")"));
    }
}
