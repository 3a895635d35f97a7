package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.internal.amqp.ListenerContainer.Incoming;
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

    private final Mode mode;
    private final Predicate<Incoming> target;
    private final ThreadLocal<Incoming> current = new ThreadLocal<>();
    private final ThreadLocal<Boolean> fired = ThreadLocal.withInitial(() -> false);
    private final HttpStub http;

    private FaultPlan(Mode mode, Predicate<Incoming> target, HttpStub http) {
        this.mode = mode;
        this.target = target;
        this.http = http;
    }

    static FaultPlan none() {
        return new FaultPlan(Mode.BOUNDARY, i -> false, null);
    }

    static FaultPlan transientFailure(Mode mode, Predicate<Incoming> target, HttpStub http) {
        return new FaultPlan(mode, target, http);
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
        if (mode == Mode.HTTP && target.test(incoming)) {
            fired.set(true);
            http.failRequests();
        }
    }

    void exit() {
        if (mode == Mode.HTTP && fired.get()) {
            http.succeedRequests();
        }
        current.remove();
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
        Incoming incoming = current.get();
        if (mode != at || incoming == null || fired.get() || !target.test(incoming)) {
            return null;
        }
        fired.set(true);
        return failure(where, incoming);
    }

    private static UncheckedIOException failure(String where, Incoming incoming) {
        return new UncheckedIOException(new IOException("Connection reset " + where + " (transient failure injected"
                + " by event-contracts, attempt " + incoming.attempt() + ")"));
    }
}
