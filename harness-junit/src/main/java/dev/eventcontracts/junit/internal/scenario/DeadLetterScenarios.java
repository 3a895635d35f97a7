package dev.eventcontracts.junit.internal.scenario;

import static dev.eventcontracts.junit.internal.scenario.Baseline.messageId;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.ListenerContainer.AckPolicy;
import dev.eventcontracts.junit.internal.effects.EffectDiff;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Scenarios (g)–(n): poison messages reach the dead-letter queue on the first delivery, failures
 * are retried exactly {@code maxAttempts} times, transient failures recover, poison does not block
 * or lose later messages, nothing is lost or duplicated between processing and the DLQ, and every
 * writer schema version is readable.
 */
final class DeadLetterScenarios {

    private final ContractSession session;
    private final ConsumerContract contract;
    private final String consumer;
    private final PoisonJudge judge;

    DeadLetterScenarios(ContractSession session) {
        this.session = session;
        this.contract = session.contract();
        this.consumer = contract.consumerClass().getSimpleName();
        this.judge = new PoisonJudge(contract);
    }

    Verdict run(Scenario scenario) throws IOException {
        return switch (scenario) {
            case UNDECODABLE_BYTES -> poison(session.samples().undecodable());
            case WRONG_SCHEMA -> wrongShape();
            case NON_RETRYABLE -> nonRetryable();
            case RETRIES_EXHAUSTED -> retriesExhausted();
            case TRANSIENT_RECOVERS -> transientRecovers();
            case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
            case CONSERVATION -> conservation();
            case SCHEMA_EVOLUTION -> schemaEvolution();
            default -> throw new IllegalArgumentException(scenario + " is not a dead-letter scenario");
        };
    }

    private Verdict poison(Sample poison) throws IOException {
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.publish(poison, "p-1");
            Fate fate = awaitFate(run, "p-1");
            return judge.poison(fate, poison, 1, run.topology(), null);
        }
    }

    private Verdict wrongShape() throws IOException {
        var sample = session.samples().wrongSchema();
        if (sample.isEmpty()) {
            return Verdict.skipped(consumer + ": " + session.samples().whyNoWrongShape() + ".");
        }
        return poison(sample.get());
    }

    private Verdict nonRetryable() throws IOException {
        if (contract.nonRetryable().isEmpty()) {
            return Verdict.skipped(consumer + " declares no nonRetryable exceptions; declare the exceptions that mean"
                    + " a message can never succeed (e.g. validation errors) to run this scenario.");
        }
        List<Sample> poison = session.poisonSamples();
        if (poison.isEmpty()) {
            return Verdict.skipped(consumer + " declares nonRetryable "
                    + contract.nonRetryable().get(0).getSimpleName() + " but "
                    + (contract.fixture() == null
                            ? "has no fixture"
                            : contract.fixture().getSimpleName())
                    + " supplies no poison samples, so no message reaches the consumer's own validation; return"
                    + " business-invalid payloads from the fixture's poisonSamples() to run this scenario.");
        }
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            for (int i = 0; i < poison.size(); i++) {
                run.publish(poison.get(i), "p-" + (i + 1));
            }
            Journal j = run.journal();
            int bound = session.options().loopBound();
            j.await(
                    () -> java.util.stream.IntStream.rangeClosed(1, poison.size())
                            .allMatch(i -> Fate.of(j, "p-" + i, bound).settled(contract.hasDeadLetterQueue())),
                    session.options().settleTimeout());
            run.stopContainers();
            for (int i = 0; i < poison.size(); i++) {
                Verdict verdict =
                        judge.poison(Fate.of(j, "p-" + (i + 1), bound), poison.get(i), 1, run.topology(), null);
                if (verdict.status() != dev.eventcontracts.junit.ScenarioStatus.PASSED) {
                    return verdict;
                }
            }
            return Verdict.passed();
        }
    }

    private Verdict retriesExhausted() throws IOException {
        Baseline base = session.baseline(1);
        FaultPlan.Mode mode = base.faultMode();
        if (mode == null) {
            return unreachable(base);
        }
        Sample s1 = base.samples().get(0);
        try (Run run = session.newRun()) {
            run.injectTransient(
                    FaultPlan.transientFailure(mode, i -> messageId(1).equals(i.messageId()), session.http()));
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.publish(s1, messageId(1));
            Fate fate = awaitFate(run, messageId(1));
            String what = s1 + " failing transiently on every attempt";
            int expected = contract.maxAttempts() == 0 ? session.options().loopBound() : contract.maxAttempts();
            return judge.poison(fate, s1.as(what), expected, run.topology(), mode);
        }
    }

    /** No I/O of the consumer's own code can be failed: skipped with the reason, never passed. */
    private Verdict unreachable(Baseline base) {
        return Verdict.skipped(consumer + " gives no path to fail its own I/O: processing " + base.describe()
                + " published nothing through ctx.publisher(), sent no request to ctx.httpBaseUri() and passed no"
                + " ctx.faultPoint(), so a transient failure could only be faked outside its code. Wrap the"
                + " dependency it writes to so that it calls ctx.faultPoint().beforeIo(...) to run this scenario.");
    }

    private Verdict transientRecovers() throws IOException {
        Baseline base = session.baseline(1);
        FaultPlan.Mode mode = base.faultMode();
        if (mode == null) {
            return unreachable(base);
        }
        Sample s1 = base.samples().get(0);
        try (Run run = session.newRun()) {
            run.injectTransient(FaultPlan.transientFailure(mode, i -> i.attempt() == 1, session.http()));
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.publish(s1, messageId(1));
            Fate fate = awaitFate(run, messageId(1));
            run.stopContainers();
            String what = s1 + " failing transiently once";
            if (fate.rejected()) {
                Throwable thrown = fate.lastFailure();
                return Verdict.failed(
                        consumer + " dead-letters transient failures on attempt " + fate.attempts() + ": " + what
                                + " (" + injected(mode) + ") threw " + thrown + " and was "
                                + (contract.hasDeadLetterQueue() ? "dead-lettered" : "dropped")
                                + " instead of retried.",
                        judge.classificationFix(thrown));
            }
            if (!fate.acked()) {
                return judge.poison(fate, s1.as(what), 2, run.topology(), mode);
            }
            List<String> differences = EffectDiff.differences(base.effects(), run.effects(), run.initialState());
            if (differences.isEmpty()) {
                return Verdict.passed();
            }
            if (fate.attempts() == 1) {
                return Verdict.failed(
                        consumer + " swallows transient failures: " + what + " (" + injected(mode) + ") was acked"
                                + " anyway and " + EffectDiff.join(differences) + ".",
                        "Let the failure propagate so the message is retried; catching it acknowledges a message"
                                + " whose effects never happened.");
            }
            return Verdict.failed(
                    consumer + " is not idempotent under retry: " + what + " and succeeding on attempt "
                            + fate.attempts() + " " + EffectDiff.join(differences) + ".",
                    "Undo partial effects when processing fails, or deduplicate each effect, so a retry does not"
                            + " repeat what the failed attempt already did.");
        }
    }

    private Verdict headOfLine() throws IOException {
        Baseline base = session.baseline(3);
        Sample poison = session.samples().undecodable();
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            run.publish(base.samples().get(0), messageId(1));
            run.publish(poison, "p-1");
            run.publish(base.samples().get(1), messageId(2));
            run.publish(base.samples().get(2), messageId(3));
            Journal j = run.journal();
            int bound = session.options().loopBound();
            boolean settled = j.await(
                    () -> Baseline.allSettled(j, 3) || j.deliveries("p-1").size() >= bound,
                    session.options().settleTimeout());
            run.stopContainers();
            List<String> blocked = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                if (!Baseline.settled(j, messageId(i))) {
                    blocked.add(base.samples().get(i - 1).description());
                }
            }
            if (!blocked.isEmpty()) {
                return Verdict.failed(
                        consumer + " blocks behind a poison message: " + String.join(", ", blocked)
                                + " were not processed "
                                + (settled
                                        ? ""
                                        : "within "
                                                + session.options()
                                                        .settleTimeout()
                                                        .toSeconds() + " s ")
                                + "while the undecodable message ahead of them was delivered "
                                + j.deliveries("p-1").size() + " times.",
                        "Bound the retries (maxAttempts) and dead-letter what cannot succeed (deadLetterQueue,"
                                + " nonRetryable), so one poison message cannot hold up the queue.");
            }
            List<String> differences = EffectDiff.differences(base.effects(), run.effects(), run.initialState());
            if (differences.isEmpty()) {
                return Verdict.passed();
            }
            return Verdict.failed(
                    consumer + " loses messages behind a poison message: after the undecodable message between "
                            + base.describe() + ", the consumer " + EffectDiff.join(differences)
                            + " compared with the same messages without the poison.",
                    "Handle each message on its own: a poison message must fail (and be dead-lettered) without"
                            + " changing how the messages after it are processed.");
        }
    }

    private Verdict conservation() throws IOException {
        Baseline base = session.baseline(3);
        Map<String, Sample> published = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            published.put(messageId(i), base.samples().get(i - 1));
        }
        published.put("p-undecodable", session.samples().undecodable());
        session.samples().wrongSchema().ifPresent(wrong -> published.put("p-wrong-schema", wrong));
        FaultPlan.Mode mode = base.faultMode();
        if (mode != null) {
            Sample failing = session.samples().good(4);
            published.put(
                    "p-persistent-failure",
                    failing.as(failing + " failing transiently on every attempt (" + injected(mode) + ")"));
        }
        if (!contract.nonRetryable().isEmpty() && !session.poisonSamples().isEmpty()) {
            published.put("p-non-retryable", session.poisonSamples().get(0));
        }
        try (Run run = session.newRun()) {
            if (mode != null) {
                run.injectTransient(FaultPlan.transientFailure(
                        mode, i -> "p-persistent-failure".equals(i.messageId()), session.http()));
            }
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            published.forEach((id, sample) -> run.publish(sample, id));
            Journal j = run.journal();
            int bound = session.options().loopBound();
            j.await(
                    () -> published.keySet().stream()
                            .allMatch(id -> Fate.of(j, id, bound).settled(contract.hasDeadLetterQueue())),
                    session.options().settleTimeout());
            run.awaitQuiet(java.time.Duration.ofMillis(300), session.options().settleTimeout());
            run.settleDeadLetters();
            run.stopContainers();
            return judge.conservation(published, j, run.topology(), bound);
        }
    }

    /** (n) skipped for a payload that is not Avro (on AMQP and Kafka alike), else null. */
    static Verdict withoutWriterVersions(ConsumerContract contract) {
        if (contract.payloadFormat() == dev.eventcontracts.junit.PayloadFormat.AVRO) {
            return null;
        }
        return Verdict.skipped(contract.consumerClass().getSimpleName() + " reads " + contract.payloadFormat()
                + " payloads, which carry no writer schema versions; (n) checks that every registered Avro writer"
                + " version is readable.");
    }

    private Verdict schemaEvolution() throws IOException {
        Verdict notAvro = withoutWriterVersions(contract);
        if (notAvro != null) {
            return notAvro;
        }
        List<Schema> writers = contract.writerSchemas();
        try (Run run = session.newRun()) {
            run.start(run.newConsumer(), 1, 1, AckPolicy.ACK);
            Map<String, Sample> published = new LinkedHashMap<>();
            for (int v = 0; v < writers.size(); v++) {
                Sample sample = session.samples()
                        .written(
                                writers.get(v),
                                10 + v,
                                " written with writer version " + (v + 1) + " of " + writers.size());
                published.put("v-" + (v + 1), sample);
                run.publish(sample, "v-" + (v + 1));
            }
            Journal j = run.journal();
            int bound = session.options().loopBound();
            j.await(
                    () -> published.keySet().stream()
                            .allMatch(id -> Fate.of(j, id, bound).settled(contract.hasDeadLetterQueue())),
                    session.options().settleTimeout());
            run.stopContainers();
            for (var entry : published.entrySet()) {
                Fate fate = Fate.of(j, entry.getKey(), bound);
                if (!fate.acked()) {
                    return Verdict.failed(
                            consumer + " cannot read " + entry.getValue() + ": "
                                    + (fate.lastFailure() == null
                                            ? "it was not processed"
                                            : "it threw " + fate.lastFailure())
                                    + ".",
                            "Keep the reader schema '" + contract.readerSchema().getFullName()
                                    + "' compatible with every"
                                    + " registered writer version: give new fields defaults and do not remove fields"
                                    + " without defaults (check-compatibility names the field).");
                }
            }
            return Verdict.passed();
        }
    }

    private Fate awaitFate(Run run, String id) {
        Journal j = run.journal();
        int bound = session.options().loopBound();
        j.await(
                () -> Fate.of(j, id, bound).settled(contract.hasDeadLetterQueue()),
                session.options().settleTimeout());
        run.stopContainers();
        return Fate.of(j, id, bound);
    }

    static String injected(FaultPlan.Mode mode) {
        return switch (mode) {
            case PUBLISHER -> "its publish failed with an injected connection reset";
            case HTTP -> "its HTTP call got an injected 503 Service Unavailable";
            case FAULT_POINT -> "its fault point failed with an injected connection reset";
            case BOUNDARY -> "an injected connection reset before the handler ran";
        };
    }
}
