package dev.eventcontracts.junit.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.AckPolicy;
import dev.eventcontracts.junit.internal.effects.Effects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference run: good samples 1..n delivered once each to one consumer on a fresh fixture.
 *
 * @param effects what that run did
 * @param initialState the fixture state before the first delivery
 * @param samples the samples, in order
 * @param io which of the consumer's own I/O paths the run reached (where failures can be injected)
 */
record Baseline(Effects effects, JsonNode initialState, List<Sample> samples, Run.Io io) {

    static String messageId(int index) {
        return "m-" + index;
    }

    /**
     * Where a transient failure reaches the consumer's own code: its publishes through
     * ctx.publisher(), its HTTP calls, a fault point its fixture placed — or null when none does.
     */
    FaultPlan.Mode faultMode() {
        if (io.ctxPublisher()) {
            return FaultPlan.Mode.PUBLISHER;
        }
        if (!effects.http().isEmpty()) {
            return FaultPlan.Mode.HTTP;
        }
        return io.faultPoint() ? FaultPlan.Mode.FAULT_POINT : null;
    }

    /**
     * True when the run showed an effect the scenarios can compare: a published message, an HTTP
     * request, or fixture state that is not empty and changed.
     */
    boolean observable() {
        if (!effects.messages().isEmpty() || !effects.http().isEmpty()) {
            return true;
        }
        JsonNode state = effects.state();
        boolean empty = state == null
                || state.isNull()
                || state.isMissingNode()
                || (state.isContainerNode() && state.isEmpty());
        return !empty && !state.equals(initialState);
    }

    /** The samples' descriptions joined, e.g. "OrderPlaced{orderId=o-1}, OrderPlaced{orderId=o-2}". */
    String describe() {
        return String.join(", ", samples.stream().map(Sample::description).toList());
    }

    static Baseline measure(ContractSession session, int n) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            for (int i = 1; i <= n; i++) {
                Sample sample = session.samples().good(i);
                samples.add(sample);
                run.publish(sample, messageId(i));
            }
            Journal journal = run.journal();
            run.journal().await(() -> allSettled(journal, n), session.options().settleTimeout());
            for (int i = 1; i <= n; i++) {
                List<Journal.Delivery> deliveries = journal.deliveries(messageId(i));
                boolean acked = deliveries.stream().anyMatch(d -> d.outcome() == Journal.Outcome.ACKED);
                if (!acked || deliveries.size() != 1) {
                    Throwable failure = deliveries.stream()
                            .map(Journal.Delivery::failure)
                            .filter(f -> f != null)
                            .findFirst()
                            .orElse(null);
                    throw new ContractSession.BaselineException(session.contract()
                                    .displayName()
                            + " did not process " + sample(samples, i) + " delivered once"
                            + (failure == null
                                    ? " within "
                                            + session.options().settleTimeout().toSeconds() + " s"
                                    : ": it threw " + failure)
                            + ". The scenarios compare against this run; check the fixture builds a working"
                            + " consumer and that sample data like this is valid for it.");
                }
            }
            run.stopContainers();
            return new Baseline(run.effects(), run.initialState(), samples, run.io());
        }
    }

    private static String sample(List<Sample> samples, int i) {
        return samples.get(i - 1).description();
    }

    static boolean allSettled(Journal journal, int n) {
        for (int i = 1; i <= n; i++) {
            if (!settled(journal, messageId(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean settled(Journal journal, String messageId) {
        return journal.deliveries(messageId).stream()
                .anyMatch(d -> d.outcome() == Journal.Outcome.ACKED || d.outcome() == Journal.Outcome.REJECTED);
    }
}
