package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.effects.EffectDiff;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.spring.internal.ServiceScenarios.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The idempotency scenarios (a)–(f) against the running service: the broker makes the redelivery
 * shapes (fault rules), the service restarts or runs twice, and the effects of each run are
 * compared with one delivery of a new event (docs/service-mode.md, scenarios).
 */
final class IdempotencyRuns {

    private final ServiceScenarios scenarios;
    private final ServiceScenarios.Parts parts;
    private final Map<Integer, Effects> baselines = new HashMap<>();

    IdempotencyRuns(ServiceScenarios scenarios, ServiceScenarios.Parts parts) {
        this.scenarios = scenarios;
        this.parts = parts;
    }

    /** Runs (a)–(f). */
    Outcome run(Scenario scenario) throws Exception {
        return switch (scenario) {
            case DUPLICATE_DELIVERY ->
                redelivery(scenario, 1, "delivering it twice", rule("duplicate-deliveries", "times", 1));
            case LOST_ACK ->
                redelivery(scenario, 1, "losing the ack so the broker redelivers it", rule("lose-acks", "times", 1));
            case OUT_OF_ORDER_REDELIVERY ->
                redelivery(
                        scenario,
                        2,
                        "redelivering the first after the second (ack lost)",
                        rule("lose-acks", "times", 1));
            case BATCH_REPLAY -> batchReplay(scenario);
            case REPUBLISHED_NEW_MESSAGE_ID -> republished(scenario);
            case CONCURRENT_INSTANCES -> twoInstances(scenario);
            default -> throw new IllegalArgumentException("not an idempotency scenario: " + scenario.id());
        };
    }

    private static Map<String, Object> rule(String type, String field, int value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put(field, value);
        return m;
    }

    /** The effects of one delivery of {@code messages} new events each, measured once per count. */
    Effects baseline(int messages) throws Exception {
        Effects known = baselines.get(messages);
        if (known != null) {
            return known;
        }
        Observer.Mark mark = parts.observer().mark();
        for (int i = 0; i < messages; i++) {
            scenarios.publish(parts.samples().good());
        }
        scenarios.requireQuiet("the baseline run");
        Effects effects = parts.observer().effectsSince(mark);
        baselines.put(messages, effects);
        return effects;
    }

    private Outcome redelivery(Scenario scenario, int messages, String how, Map<String, Object> rule) throws Exception {
        Effects once = baseline(messages);
        if (Observer.isEmpty(once)) {
            return unprovable();
        }
        Map<String, Object> fault = new LinkedHashMap<>(rule);
        fault.put("queue", parts.setup().queue());
        parts.admin().addFault(fault);
        Observer.Mark mark = parts.observer().mark();
        List<Samples.Encoded> events = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            events.add(parts.samples().good());
            scenarios.publish(events.get(i));
        }
        scenarios.requireQuiet("scenario '" + scenario.id() + "'");
        Outcome failed = duplicatesDeadLettered(events);
        return failed != null
                ? failed
                : compare(once, parts.observer().effectsSince(mark), plural(messages, "new event") + ", " + how, "");
    }

    private Outcome republished(Scenario scenario) throws Exception {
        Effects once = baseline(1);
        if (Observer.isEmpty(once)) {
            return unprovable();
        }
        Observer.Mark mark = parts.observer().mark();
        Samples.Encoded event = parts.samples().good();
        scenarios.publish(event);
        scenarios.requireQuiet("scenario '" + scenario.id() + "'");
        scenarios.publish(event.withMessageId(Samples.ID_PREFIX + "republished-" + java.util.UUID.randomUUID()));
        scenarios.requireQuiet("scenario '" + scenario.id() + "'");
        return compare(
                once, parts.observer().effectsSince(mark), "one event published twice with a new message id", "");
    }

    /**
     * (d): the broker closes the listener's channel after both events were delivered (the
     * container's consumer restarts and gets the batch again), then the service restarts — a new
     * application context with the same properties, so only state kept outside its memory
     * survives — and the batch is replayed with the same message ids.
     */
    private Outcome batchReplay(Scenario scenario) throws Exception {
        Effects once = baseline(2);
        if (Observer.isEmpty(once)) {
            return unprovable();
        }
        Map<String, Object> fault = rule("close-channel-after", "deliveries", 2);
        fault.put("queue", parts.setup().queue());
        parts.admin().addFault(fault);
        Observer.Mark mark = parts.observer().mark();
        List<Samples.Encoded> batch =
                List.of(parts.samples().good(), parts.samples().good());
        for (Samples.Encoded m : batch) {
            scenarios.publish(m);
        }
        scenarios.requireQuiet("scenario '" + scenario.id() + "'");
        Observer.Mark beforeRestart = parts.observer().mark();
        parts.instances().restartPrimary();
        Observer.Mark afterRestart = parts.observer().mark();
        for (Samples.Encoded m : batch) {
            scenarios.publish(m);
        }
        scenarios.requireQuiet("scenario '" + scenario.id() + "' after the restart");
        Effects effects = parts.observer().effectsAround(mark, beforeRestart, afterRestart);
        Outcome failed = duplicatesDeadLettered(batch);
        return failed != null
                ? failed
                : compare(
                        once,
                        effects,
                        "2 new events, their batch redelivered after the listener's channel closed and replayed"
                                + " after the service restarted (a new application context on the same properties)",
                        "keep the record of processed events in durable state (the service's database), not in"
                                + " memory: a restart replays unacknowledged and recent messages. ");
    }

    /**
     * (f): a second instance of the service (an application context with the same properties, so
     * the same database) consumes next to the first, and the same message is published twice: the
     * broker hands one copy to each instance's consumer.
     */
    private Outcome twoInstances(Scenario scenario) throws Exception {
        Effects once = baseline(1);
        if (Observer.isEmpty(once)) {
            return unprovable();
        }
        parts.instances().startSecond();
        try {
            Observer.Mark mark = parts.observer().mark();
            Samples.Encoded event = parts.samples().good();
            scenarios.publish(event);
            scenarios.publish(event);
            scenarios.requireQuiet("scenario '" + scenario.id() + "'");
            Outcome failed = duplicatesDeadLettered(List.of(event));
            return failed != null
                    ? failed
                    : compare(
                            once,
                            parts.observer().effectsSince(mark),
                            "one new event delivered to two instances of the service at the same time (the broker"
                                    + " handed one copy to each; "
                                    + parts.instances().consumers() + " consumers)",
                            "make the duplicate check and the effect one atomic step in the shared database"
                                    + " (insert the event's key first under a unique constraint, then act):"
                                    + " an in-memory record of processed events is not seen by the other"
                                    + " instance. ");
        } finally {
            parts.instances().stopSecond();
        }
    }

    /** A copy of a repeated event that failed and was dead-lettered: a repeat must be acked, not fail. */
    private Outcome duplicatesDeadLettered(List<Samples.Encoded> events) {
        for (Samples.Encoded e : events) {
            if (parts.observer().isDeadLettered(e.messageId())) {
                scenarios.cleanUpAfter(new Fate(Fate.Kind.DEAD_LETTERED, 0, null, List.of()));
                return new Outcome(
                        ScenarioStatus.FAILED,
                        parts.contract().displayName() + ": a repeated delivery of an event it had processed failed"
                                + " and was dead-lettered (message " + e.messageId() + ").",
                        "acknowledge a repeated event without effects instead of failing on it (e.g. treat the"
                                + " duplicate-key error of the idempotency insert as 'already processed').");
            }
        }
        return null;
    }

    /** Passed when {@code faulted} equals {@code once}; else failed naming the differences. */
    Outcome compare(Effects once, Effects faulted, String how, String fixFirst) {
        List<String> differences = EffectDiff.differences(once, faulted, null);
        if (differences.isEmpty()) {
            return Outcome.passed();
        }
        String name = parts.contract().displayName();
        return new Outcome(
                ScenarioStatus.FAILED,
                name + " is not idempotent: " + how + ": " + EffectDiff.join(differences)
                        + " (effects compared with one delivery of a new event).",
                fixFirst + "make the listener's effects happen once per event: publish the outgoing message only when"
                        + " the state change took effect (deduplicate on the event's id in the same transaction,"
                        + " or an outbox), and call HTTP services with an idempotency key.");
    }

    private Outcome unprovable() {
        String observed = parts.contract().displayName() + " shows no observable effect: processing one new event"
                + " once gave no message published on any connection, no HTTP request to the stub and "
                + parts.observer().stateDescription();
        scenarios.report(new ContractSession.Finding(
                "effects-unobservable",
                "WARNING",
                observed + ", so the idempotency scenarios (a)-(f) could not judge it. Publish through the broker,"
                        + " point its HTTP client at ${eventcontracts.http.uri}, or name its state with"
                        + " eventcontracts.state.bean or eventcontracts.state.query (docs/service-mode.md,"
                        + " effects)."));
        return Outcome.skipped("UNPROVABLE (warning): " + observed + ", so idempotency was not judged.");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
