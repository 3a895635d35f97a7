package dev.eventcontracts.junit.internal.scenario;

import static dev.eventcontracts.junit.internal.scenario.Baseline.messageId;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.Journal.Outcome;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.AckAction;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.AckPolicy;
import dev.eventcontracts.junit.internal.effects.EffectDiff;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Scenarios (a)–(f): the effects of a run where each message is delivered once must equal the
 * effects under duplicates, lost acks, out-of-order redelivery, replay after a restart,
 * republishing with a new message id, and two instances receiving the same message at once.
 */
final class IdempotencyScenarios {

    private static final int CONCURRENT_PAIRS = 6;

    private final ContractSession session;
    private final String consumer;
    private final String key;

    IdempotencyScenarios(ContractSession session) {
        this.session = session;
        this.consumer = session.contract().consumerClass().getSimpleName();
        this.key = session.contract().idempotencyKey();
    }

    Verdict run(Scenario scenario) throws IOException {
        return switch (scenario) {
            case DUPLICATE_DELIVERY -> duplicate();
            case LOST_ACK -> lostAck();
            case OUT_OF_ORDER_REDELIVERY -> outOfOrder();
            case BATCH_REPLAY -> batchReplay();
            case REPUBLISHED_NEW_MESSAGE_ID -> republished();
            case CONCURRENT_INSTANCES -> concurrent();
            default -> throw new IllegalArgumentException(scenario + " is not an idempotency scenario");
        };
    }

    private Verdict duplicate() throws IOException {
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.publish(s1, messageId(1));
            run.publish(s1, messageId(1));
            Journal j = run.journal();
            boolean settled = await(run, () -> j.count(d -> terminal(d.outcome())) >= 2);
            return judge(run, base, settled, "delivering " + s1 + " twice (immediate duplicate)", dedupeFix());
        }
    }

    private Verdict lostAck() throws IOException {
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, i -> i.attempt() == 1 ? AckAction.LOSE_ACK : AckAction.ACK);
            run.publish(s1, messageId(1));
            Journal j = run.journal();
            boolean settled = await(run, () -> j.count(d -> terminal(d.outcome())) >= 1);
            List<Journal.Delivery> deliveries = j.deliveries(messageId(1));
            if (settled && deliveries.size() >= 2 && !deliveries.get(1).redelivered()) {
                return Verdict.error("The broker at " + session.brokerDisplay() + " redelivered " + s1
                        + " after the channel closed without setting redelivered=true; RabbitMQ sets it.");
            }
            return judge(run, base, settled, "delivering " + s1 + " twice (ack lost after processing)", dedupeFix());
        }
    }

    private Verdict outOfOrder() throws IOException {
        Baseline base = session.baseline(3);
        try (Run run = session.newRun()) {
            String first = messageId(1);
            ListenerContainer container = run.start(
                    run.newConsumer(),
                    1,
                    10,
                    i -> i.attempt() == 1 && first.equals(i.messageId()) ? AckAction.HOLD : AckAction.ACK);
            for (int i = 1; i <= 3; i++) {
                run.publish(base.samples().get(i - 1), messageId(i));
            }
            Journal j = run.journal();
            boolean held = await(
                    run,
                    () -> Baseline.settled(j, messageId(2))
                            && Baseline.settled(j, messageId(3))
                            && j.count(d -> d.outcome() == Outcome.HELD) == 1);
            if (held) {
                container.restartChannel();
            }
            boolean settled = held && await(run, () -> Baseline.allSettled(j, 3));
            String what = "redelivering " + base.samples().get(0) + " after "
                    + base.samples().get(1) + " and " + base.samples().get(2) + " (its ack was lost)";
            return judge(run, base, settled, what, dedupeFix());
        }
    }

    private Verdict batchReplay() throws IOException {
        Baseline base = session.baseline(3);
        try (Run run = session.newRun()) {
            Journal j = run.journal();
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            for (int i = 1; i <= 3; i++) {
                run.publish(base.samples().get(i - 1), messageId(i));
            }
            boolean first = await(run, () -> Baseline.allSettled(j, 3));
            run.stopContainers();
            run.start(run.newConsumer(), 2, 1, AckPolicy.ACK);
            for (int i = 1; i <= 3; i++) {
                run.publish(base.samples().get(i - 1), messageId(i));
            }
            boolean settled = first && await(run, () -> j.count(d -> terminal(d.outcome())) >= 6);
            String what = "replaying the batch " + base.describe() + " after a restart (a new consumer from the same"
                    + " fixture)";
            String fix = "Keep the record of processed messages in durable state (what the fixture holds), not in"
                    + " the consumer instance: a restart replays unacknowledged and recent messages. "
                    + dedupeFix();
            return judge(run, base, settled, what, fix);
        }
    }

    private Verdict republished() throws IOException {
        if (key.isEmpty()) {
            return Verdict.skipped(consumer + " declares no idempotencyKey, so a republished event with a new message"
                    + " id cannot be recognised; declare idempotencyKey to run this scenario.");
        }
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            Journal j = run.journal();
            run.publish(s1, messageId(1));
            boolean first = await(run, () -> Baseline.settled(j, messageId(1)));
            run.publish(s1, messageId(1) + "-republished");
            boolean settled = first && await(run, () -> Baseline.settled(j, messageId(1) + "-republished"));
            String fix = "Deduplicate on the business key '" + key + "', not on the message id: producers that retry"
                    + " republish the same event with a new message id — see idempotencyKey.";
            return judge(run, base, settled, "delivering " + s1 + " twice with different message ids", fix);
        }
    }

    private Verdict concurrent() throws IOException {
        Baseline base = session.baseline(CONCURRENT_PAIRS);
        try (Run run = session.newRun()) {
            run.pairUp();
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.start(run.newConsumer(), 2, 1, AckPolicy.ACK);
            Journal j = run.journal();
            boolean settled = true;
            for (int i = 1; i <= CONCURRENT_PAIRS && settled; i++) {
                run.publish(base.samples().get(i - 1), messageId(i));
                run.publish(base.samples().get(i - 1), messageId(i));
                int expected = 2 * i;
                settled = await(run, () -> j.count(d -> terminal(d.outcome())) >= expected);
            }
            String what = "delivering each of " + base.describe() + " to two instances at the same time";
            String fix = "Make the duplicate check and the effect one atomic step (insert the key first with a unique"
                    + " constraint or putIfAbsent, then act): two instances can receive the same message at once,"
                    + " and check-then-act lets both through.";
            return judge(run, base, settled, what, fix);
        }
    }

    private String dedupeFix() {
        if (key.isEmpty()) {
            return "Record processed message ids with the effects and skip repeats, or declare idempotencyKey and"
                    + " deduplicate on it.";
        }
        return "Deduplicate on '" + key + "' — see idempotencyKey.";
    }

    private Verdict judge(Run run, Baseline base, boolean settled, String what, String fix) {
        run.stopContainers();
        Journal j = run.journal();
        List<Journal.Delivery> failed =
                j.deliveries().stream().filter(d -> d.failure() != null).toList();
        if (!failed.isEmpty()) {
            Journal.Delivery d = failed.get(0);
            return Verdict.failed(
                    consumer + " is not idempotent: " + what + " made it throw " + d.failure() + " on attempt "
                            + d.attempt() + " (message " + d.messageId() + " was " + describe(d.outcome()) + ").",
                    "A repeated message must be acknowledged without effects, not fail. " + fix);
        }
        if (!settled) {
            return Verdict.error(what + ": messages did not settle within "
                    + session.options().settleTimeout().toSeconds() + " s (deliveries: " + j.deliveries() + ").");
        }
        if (!base.observable()) {
            return unobservable(base, what);
        }
        List<String> differences = EffectDiff.differences(base.effects(), run.effects(), run.initialState());
        if (differences.isEmpty()) {
            return Verdict.passed();
        }
        return Verdict.failed(consumer + " is not idempotent: " + what + " " + EffectDiff.join(differences) + ".", fix);
    }

    /** Could not judge: the baseline showed nothing to compare. Skipped and reported, never passed. */
    private Verdict unobservable(Baseline base, String what) {
        String seen = session.effectsObservedAt().equals("broker-journal")
                ? "no message published on any connection"
                : "no message published through ctx.publisher() (the broker at " + session.brokerDisplay()
                        + " keeps no publish journal, so other publishes are not seen)";
        String state = session.contract().fixture() == null
                ? "no fixture state (no fixture)"
                : "fixture state empty or unchanged";
        String observed = consumer + " shows no observable effect: processing " + base.describe() + " once gave " + seen
                + ", no HTTP request and " + state;
        session.report(new ContractSession.Finding(
                "effects-unobservable",
                "WARNING",
                observed + ", so the idempotency scenarios (a)-(f) could not judge it. Return the durable state from"
                        + " the fixture's state(), publish through the broker, or call downstream services through"
                        + " ctx.httpBaseUri()."));
        String message = observed + ", so " + what + " cannot be compared; idempotency was not judged.";
        return Verdict.skipped(message);
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case REJECTED -> "rejected (dead-lettered, or dropped without a dead-letter queue)";
            case REQUEUED -> "requeued";
            default -> outcome.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private boolean await(Run run, BooleanSupplier condition) {
        return run.journal().await(condition, session.options().settleTimeout());
    }

    static boolean terminal(Outcome outcome) {
        return outcome == Outcome.ACKED || outcome == Outcome.REJECTED;
    }
}
