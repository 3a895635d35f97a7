package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.internal.effects.EffectDiff;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.kafka.drive.CommitAction;
import dev.eventcontracts.kafka.drive.DeadLetterHeaders;
import dev.eventcontracts.kafka.drive.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka scenarios (docs/kafka.md): (a)–(f) compare the effects of Kafka's redeliveries (a
 * record produced twice, a lost commit, a rebalance mid-batch, an offset reset, a new key, two
 * instances across a rebalance) with one delivery; (g)–(n) check that poison reaches the
 * dead-letter topic on the right attempt with its headers, that nothing blocks a partition or gets
 * lost, and that every writer version is read; (o) that records of one key are applied in order,
 * also across a retry.
 */
final class KafkaScenarios {

    private static final int GROUP_PAIRS = 2;
    private static final int ORDERED_RECORDS = 3;

    private final KafkaContractSession session;
    private final ConsumerContract contract;
    private final String consumer;
    private final String key;

    KafkaScenarios(KafkaContractSession session) {
        this.session = session;
        this.contract = session.contract();
        this.consumer = contract.consumerClass().getSimpleName();
        this.key = contract.idempotencyKey();
    }

    Verdict run(Scenario scenario) throws Exception {
        return switch (scenario) {
            case DUPLICATE_DELIVERY -> duplicate();
            case COMMIT_LOST -> commitLost();
            case REBALANCE_MID_BATCH -> rebalanceMidBatch();
            case OFFSET_REPLAY -> offsetReplay();
            case NEW_KEY_AND_HEADERS -> newKeyAndHeaders();
            case GROUP_REBALANCE -> groupRebalance();
            case UNDECODABLE_BYTES -> poison(session.samples().undecodable());
            case WRONG_SCHEMA -> wrongShape();
            case NON_RETRYABLE -> nonRetryable();
            case RETRIES_EXHAUSTED -> retriesExhausted();
            case TRANSIENT_RECOVERS -> transientRecovers();
            case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
            case CONSERVATION -> conservation();
            case SCHEMA_EVOLUTION -> schemaEvolution();
            case KEY_ORDERING -> keyOrdering();
            default -> throw new IllegalArgumentException(scenario + " is not a Kafka scenario");
        };
    }

    private Verdict wrongShape() throws Exception {
        var sample = session.samples().wrongSchema();
        if (sample.isEmpty()) {
            return Verdict.skipped(consumer + ": " + session.samples().whyNoWrongShape() + ".");
        }
        // framed here already so that the verdict names the unknown schema id (framing is idempotent)
        return poison(
                session.framing() == null ? sample.get() : session.framing().frame(sample.get()));
    }

    static String label(int index) {
        return Baseline.messageId(index);
    }

    /** Good samples 1..n produced once each to one instance on a fresh fixture. */
    Baseline baseline(int n) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            samples.add(session.samples().good(i));
        }
        return sequence(samples);
    }

    /** {@code samples} produced once each, in order, to one instance on a fresh fixture. */
    private Baseline sequence(List<Sample> samples) throws Exception {
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            for (int i = 1; i <= samples.size(); i++) {
                run.produce(samples.get(i - 1), label(i));
            }
            int n = samples.size();
            run.await(() -> run.deliveries().size() >= n);
            for (int i = 1; i <= n; i++) {
                List<Delivery> settled = run.settled(label(i));
                if (settled.size() != 1 || settled.get(0).fate() != Delivery.Fate.PROCESSED) {
                    String failure = settled.isEmpty() ? null : settled.get(0).failure();
                    throw new ContractSession.BaselineException(contract.displayName() + " did not process "
                            + samples.get(i - 1) + " produced once"
                            + (failure == null
                                    ? " within "
                                            + session.options().settleTimeout().toSeconds() + " s"
                                    : ": it threw " + failure)
                            + ". The scenarios compare against this run; check the fixture builds a working consumer"
                            + " and that sample data like this is valid for it.");
                }
            }
            run.stopInstances();
            return new Baseline(run.effects(), run.initialState(), samples, run.io());
        }
    }

    // ---- (a)-(f): idempotency under Kafka's redeliveries

    private Verdict duplicate() throws Exception {
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            run.produce(s1, label(1));
            run.produce(s1, label(1));
            boolean settled = run.await(() -> run.deliveries().size() >= 2);
            return judge(run, base, settled, "producing " + s1 + " twice (a producer retry: two offsets)", dedupeFix());
        }
    }

    private Verdict commitLost() throws Exception {
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (KafkaRun run = session.newRun(1)) {
            KafkaRun.Instance first = run.start(1, d -> CommitAction.CRASH, Map.of());
            run.produce(s1, label(1));
            boolean crashed = run.await(() -> first.loop().crashed());
            run.stop(first);
            if (!crashed) {
                return judge(run, base, false, "processing " + s1, dedupeFix());
            }
            run.start(2);
            boolean settled = run.await(() -> run.settled(label(1)).size() >= 2);
            return judge(
                    run,
                    base,
                    settled,
                    "processing " + s1 + ", crashing before the offset commit, and redelivering it to the instance"
                            + " that took over the partition",
                    dedupeFix());
        }
    }

    private Verdict rebalanceMidBatch() throws Exception {
        Baseline base = session.baseline(4);
        try (KafkaRun run = session.newRun(2)) {
            AtomicBoolean batchOpen = new AtomicBoolean(true);
            run.start(1, d -> batchOpen.get() ? CommitAction.HOLD : CommitAction.COMMIT, Map.of());
            for (int i = 1; i <= 4; i++) {
                run.produce(base.samples().get(i - 1), label(i), (i - 1) / 2, null, Map.of());
            }
            boolean firstPass = run.await(() -> run.deliveries().size() >= 4);
            batchOpen.set(false);
            run.start(2);
            // the partition that moves to instance 2 is replayed there from its last commit (none)
            boolean settled = firstPass
                    && run.await(() -> {
                        var byInstance = run.deliveriesByInstance();
                        return byInstance.values().stream().filter(n -> n == 2).count() >= 2;
                    });
            String what = "processing " + base.describe() + " on two partitions in one batch, then a second instance"
                    + " joining before the batch was committed (its partition's records redelivered there)";
            return judge(run, base, settled, what, dedupeFix());
        }
    }

    private Verdict offsetReplay() throws Exception {
        Baseline base = session.baseline(3);
        try (KafkaRun run = session.newRun(1)) {
            KafkaRun.Instance first = run.start(1);
            for (int i = 1; i <= 3; i++) {
                run.produce(base.samples().get(i - 1), label(i));
            }
            boolean firstPass = run.await(() -> run.deliveries().size() >= 3);
            run.stop(first);
            if (firstPass) {
                session.admin()
                        .alterConsumerGroupOffsets(
                                run.group(), Map.of(new TopicPartition(run.topic(), 0), new OffsetAndMetadata(0)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                run.start(2);
            }
            boolean settled = firstPass && run.await(() -> run.deliveries().size() >= 6);
            String what = "replaying " + base.describe() + " from offset 0 after a restart (the group's offsets reset"
                    + " to an earlier position, a new consumer from the same fixture)";
            String fix = "Keep the record of processed events in durable state (what the fixture holds), not in the"
                    + " consumer instance: resetting offsets replays records already processed. " + dedupeFix();
            return judge(run, base, settled, what, fix);
        }
    }

    private Verdict newKeyAndHeaders() throws Exception {
        if (key.isEmpty()) {
            return Verdict.skipped(consumer + " declares no idempotencyKey, so the same event produced with a new key"
                    + " and headers cannot be recognised; declare idempotencyKey to run this scenario.");
        }
        Baseline base = session.baseline(1);
        Sample s1 = base.samples().get(0);
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            run.produce(s1, label(1));
            boolean first = run.await(() -> run.deliveries().size() >= 1);
            run.produce(
                    s1,
                    label(1) + "-reproduced",
                    0,
                    ("reproduced-" + label(1)).getBytes(StandardCharsets.UTF_8),
                    Map.of("ec-producer", "retry-" + label(1), "traceparent", "00-reproduced-01"));
            boolean settled = first && run.await(() -> run.deliveries().size() >= 2);
            String fix = "Deduplicate on the business key '" + key + "' in the payload, not on the record key, headers"
                    + " or offset: a producer that retries may send the same event with a new key and headers — see"
                    + " idempotencyKey.";
            return judge(run, base, settled, "producing " + s1 + " twice with different keys and headers", fix);
        }
    }

    private Verdict groupRebalance() throws Exception {
        Baseline base = session.baseline(GROUP_PAIRS);
        try (KafkaRun run = session.newRun(1)) {
            // an instance that overruns max.poll.interval.ms leaves the group while still in the handler
            Map<String, Object> settings = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1_500);
            run.pairUp();
            run.start(1, d -> CommitAction.COMMIT, settings);
            run.start(2, d -> CommitAction.COMMIT, settings);
            boolean settled = true;
            for (int i = 1; i <= GROUP_PAIRS && settled; i++) {
                String label = label(i);
                run.produce(base.samples().get(i - 1), label);
                settled = run.await(
                        () -> run.attempts().stream()
                                        .filter(a -> a.label().equals(label))
                                        .map(KafkaRun.Attempt::instance)
                                        .distinct()
                                        .count()
                                >= 2,
                        session.options().settleTimeout().plusSeconds(10));
            }
            String what = "handing each of " + base.describe() + " to a second instance of the group while the first"
                    + " was still handling it (it overran max.poll.interval.ms and lost its partition in a"
                    + " rebalance)";
            String fix = "Make the duplicate check and the effect one atomic step (insert the key first with a unique"
                    + " constraint or putIfAbsent, then act): after a rebalance two instances can handle the same"
                    + " record at once, and check-then-act lets both through.";
            return judge(run, base, settled, what, fix);
        }
    }

    private String dedupeFix() {
        if (key.isEmpty()) {
            return "Record processed events with the effects and skip repeats, or declare idempotencyKey and"
                    + " deduplicate on it.";
        }
        return "Deduplicate on '" + key + "' — see idempotencyKey.";
    }

    private Verdict judge(KafkaRun run, Baseline base, boolean settled, String what, String fix) {
        run.stopInstances();
        List<KafkaRun.Attempt> failed =
                run.attempts().stream().filter(a -> a.failure() != null).toList();
        if (!failed.isEmpty()) {
            KafkaRun.Attempt a = failed.get(0);
            return Verdict.failed(
                    consumer + " is not idempotent: " + what + " made it throw " + a.failure() + " on attempt "
                            + a.attempt() + " of record " + a.label() + " (partition " + a.partition() + ", offset "
                            + a.offset() + ", instance " + a.instance() + ").",
                    "A repeated record must be committed without effects, not fail. " + fix);
        }
        if (!settled) {
            return Verdict.error(what + ": the records did not settle within "
                    + session.options().settleTimeout().toSeconds() + " s (settled: " + run.deliveries() + ").");
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

    private Verdict unobservable(Baseline base, String what) {
        String state =
                contract.fixture() == null ? "no fixture state (no fixture)" : "fixture state empty or unchanged";
        String observed = consumer + " shows no observable effect: processing " + base.describe() + " once gave no"
                + " message through ctx.publisher(), no HTTP request and " + state;
        session.report(new ContractSession.Finding(
                "effects-unobservable",
                "WARNING",
                observed + ", so the idempotency scenarios (a)-(f) could not judge it. Return the durable state from"
                        + " the fixture's state(), publish through ctx.publisher(), or call downstream services"
                        + " through ctx.httpBaseUri()."));
        return Verdict.skipped(observed + ", so " + what + " cannot be compared; idempotency was not judged.");
    }

    // ---- (g)-(m): poison, retries, the dead-letter topic

    private Verdict poison(Sample poison) throws Exception {
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            run.produce(poison, "p-1");
            awaitSettledOrLooping(run, List.of("p-1"));
            run.stopInstances();
            return poisonVerdict(run, "p-1", poison, 1, null);
        }
    }

    private Verdict nonRetryable() throws Exception {
        if (contract.nonRetryable().isEmpty()) {
            return Verdict.skipped(consumer + " declares no nonRetryable exceptions; declare the exceptions that mean"
                    + " a record can never succeed (e.g. validation errors) to run this scenario.");
        }
        List<Sample> poison = session.poisonSamples();
        if (poison.isEmpty()) {
            return Verdict.skipped(consumer + " declares nonRetryable "
                    + contract.nonRetryable().get(0).getSimpleName() + " but "
                    + (contract.fixture() == null
                            ? "has no fixture"
                            : contract.fixture().getSimpleName() + " returns no poisonSamples()")
                    + ", so no record reaches its own validation; return business-invalid payloads from"
                    + " poisonSamples() to run this scenario.");
        }
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < poison.size(); i++) {
                labels.add("p-" + (i + 1));
                run.produce(poison.get(i), "p-" + (i + 1));
            }
            awaitSettledOrLooping(run, labels);
            run.stopInstances();
            for (int i = 0; i < poison.size(); i++) {
                Verdict v = poisonVerdict(run, labels.get(i), poison.get(i), 1, null);
                if (v.status() != dev.eventcontracts.junit.ScenarioStatus.PASSED) {
                    return v;
                }
            }
            return Verdict.passed();
        }
    }

    private Verdict retriesExhausted() throws Exception {
        Baseline base = session.baseline(1);
        FaultPlan.Mode mode = base.faultMode();
        if (mode == null) {
            return unreachable(base);
        }
        Sample s1 = base.samples().get(0);
        try (KafkaRun run = session.newRun(1)) {
            run.injectTransient(FaultPlan.transientFailure(mode, a -> label(1).equals(a.messageId()), session.http()));
            run.start(1);
            run.produce(s1, label(1));
            awaitSettledOrLooping(run, List.of(label(1)));
            run.stopInstances();
            String what = s1 + " failing transiently on every attempt";
            return poisonVerdict(run, label(1), s1.as(what), contract.maxAttempts(), mode);
        }
    }

    private Verdict unreachable(Baseline base) {
        return Verdict.skipped(consumer + " gives no path to fail its own I/O: processing " + base.describe()
                + " published nothing through ctx.publisher(), sent no request to ctx.httpBaseUri() and passed no"
                + " ctx.faultPoint(), so a transient failure could only be faked outside its code. Wrap the"
                + " dependency it writes to so that it calls ctx.faultPoint().beforeIo(...) to run this scenario.");
    }

    private Verdict transientRecovers() throws Exception {
        Baseline base = session.baseline(1);
        FaultPlan.Mode mode = base.faultMode();
        if (mode == null) {
            return unreachable(base);
        }
        Sample s1 = base.samples().get(0);
        try (KafkaRun run = session.newRun(1)) {
            run.injectTransient(FaultPlan.transientFailure(mode, a -> a.attempt() == 1, session.http()));
            run.start(1);
            run.produce(s1, label(1));
            awaitSettledOrLooping(run, List.of(label(1)));
            run.stopInstances();
            String what = s1 + " failing transiently once (" + DeadLetterScenarios.injected(mode) + ")";
            List<Delivery> settled = run.settled(label(1));
            if (settled.isEmpty()) {
                return Verdict.error(what + ": the record did not settle within "
                        + session.options().settleTimeout().toSeconds() + " s.");
            }
            Delivery d = settled.get(0);
            if (d.fate() != Delivery.Fate.PROCESSED) {
                return Verdict.failed(
                        consumer + " gives up on transient failures: " + what + " ended " + fateText(d) + " after "
                                + d.attempts() + " attempt(s) with " + d.failure() + ".",
                        "Let I/O failures propagate unchanged so they are retried, and keep them out of nonRetryable.");
            }
            List<String> differences = EffectDiff.differences(base.effects(), run.effects(), run.initialState());
            if (differences.isEmpty()) {
                return Verdict.passed();
            }
            if (d.attempts() == 1) {
                return Verdict.failed(
                        consumer + " swallows transient failures: " + what + " was committed anyway and "
                                + EffectDiff.join(differences) + ".",
                        "Let the failure propagate so the record is retried; catching it commits a record whose"
                                + " effects never happened.");
            }
            return Verdict.failed(
                    consumer + " is not idempotent under retry: " + what + " and succeeding on attempt " + d.attempts()
                            + " " + EffectDiff.join(differences) + ".",
                    "Undo partial effects when processing fails, or deduplicate each effect, so a retry does not"
                            + " repeat what the failed attempt already did.");
        }
    }

    private Verdict headOfLine() throws Exception {
        Baseline base = session.baseline(3);
        Sample poison = session.samples().undecodable();
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            run.produce(base.samples().get(0), label(1));
            run.produce(poison, "p-1");
            run.produce(base.samples().get(1), label(2));
            run.produce(base.samples().get(2), label(3));
            int bound = session.options().loopBound();
            boolean settled = run.await(() -> run.settled(label(3)).size() >= 1 || attemptsOf(run, "p-1") >= bound);
            run.stopInstances();
            List<String> blocked = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                if (run.settled(label(i)).isEmpty()) {
                    blocked.add(base.samples().get(i - 1).description());
                }
            }
            long poisonAttempts = attemptsOf(run, "p-1");
            if (blocked.isEmpty() && poisonAttempts >= bound) {
                return Verdict.failed(
                        consumer + " blocks its partition behind a poison record: the undecodable record ahead of "
                                + base.samples().get(1).description() + " and "
                                + base.samples().get(2).description() + " (partition 0) was retried "
                                + poisonAttempts + " times in place while they waited.",
                        "Bound the retries (maxAttempts) and send what cannot succeed to a dead-letter topic"
                                + " (deadLetterTopic, nonRetryable), so one poison record cannot stop its partition.");
            }
            if (!blocked.isEmpty()) {
                return Verdict.failed(
                        consumer + " blocks its partition behind a poison record: " + String.join(", ", blocked)
                                + " were not processed "
                                + (settled
                                        ? ""
                                        : "within "
                                                + session.options()
                                                        .settleTimeout()
                                                        .toSeconds() + " s ")
                                + "while the undecodable record ahead of them (partition 0) was retried "
                                + attemptsOf(run, "p-1") + " times in place.",
                        "Bound the retries (maxAttempts) and send what cannot succeed to a dead-letter topic"
                                + " (deadLetterTopic, nonRetryable), so one poison record cannot stop its partition.");
            }
            List<String> differences = EffectDiff.differences(base.effects(), run.effects(), run.initialState());
            if (differences.isEmpty()) {
                return Verdict.passed();
            }
            return Verdict.failed(
                    consumer + " loses records behind a poison record: after the undecodable record between "
                            + base.describe() + ", the consumer " + EffectDiff.join(differences)
                            + " compared with the same records without the poison.",
                    "Handle each record on its own: a poison record must fail (and be dead-lettered) without"
                            + " changing how the records after it are processed.");
        }
    }

    private Verdict conservation() throws Exception {
        Baseline base = session.baseline(3);
        Map<String, Sample> goods = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            goods.put(label(i), base.samples().get(i - 1));
        }
        Map<String, Sample> poisons = new LinkedHashMap<>();
        poisons.put("p-undecodable", session.samples().undecodable());
        session.samples().wrongSchema().ifPresent(wrong -> poisons.put("p-wrong-schema", wrong));
        FaultPlan.Mode mode = base.faultMode();
        if (mode != null) {
            Sample failing = session.samples().good(4);
            poisons.put(
                    "p-persistent-failure",
                    failing.as(failing + " failing transiently on every attempt (" + DeadLetterScenarios.injected(mode)
                            + ")"));
        }
        if (!contract.nonRetryable().isEmpty() && !session.poisonSamples().isEmpty()) {
            poisons.put("p-non-retryable", session.poisonSamples().get(0));
        }
        try (KafkaRun run = session.newRun(2)) {
            if (mode != null) {
                run.injectTransient(FaultPlan.transientFailure(
                        mode, a -> "p-persistent-failure".equals(a.messageId()), session.http()));
            }
            run.start(1);
            Map<String, KafkaRun.Produced> produced = new LinkedHashMap<>();
            int n = 0;
            Map<String, Sample> all = new LinkedHashMap<>(goods);
            all.putAll(poisons);
            for (var e : all.entrySet()) {
                produced.put(e.getKey(), run.produce(e.getValue(), e.getKey(), n++ % 2, null, Map.of()));
            }
            awaitSettledOrLooping(run, List.copyOf(all.keySet()));
            run.stopInstances();
            List<KafkaRun.DeadLetter> letters = run.deadLetters((int) run.deliveries().stream()
                    .filter(d -> d.fate() == Delivery.Fate.DEAD_LETTERED)
                    .count());
            List<String> problems = new ArrayList<>();
            for (var e : produced.entrySet()) {
                String label = e.getKey();
                KafkaRun.Produced p = e.getValue();
                String where = e.getValue().sample() + " (partition " + p.partition() + ", offset " + p.offset() + ")";
                List<Delivery> settled = run.settled(label);
                long processed = settled.stream()
                        .filter(d -> d.fate() == Delivery.Fate.PROCESSED)
                        .count();
                long skipped = settled.stream()
                        .filter(d -> d.fate() == Delivery.Fate.SKIPPED)
                        .count();
                List<KafkaRun.DeadLetter> copies =
                        letters.stream().filter(l -> l.label().equals(label)).toList();
                boolean good = goods.containsKey(label);
                if (settled.isEmpty()) {
                    problems.add(where + " was never settled (retried " + attemptsOf(run, label) + " times)");
                } else if (skipped > 0) {
                    problems.add(where + " was lost: it failed with "
                            + settled.get(0).failure() + " and was skipped without a dead-letter topic");
                } else if (processed > 0 && !copies.isEmpty()) {
                    problems.add(where + " was both processed and dead-lettered");
                } else if (processed > 1 || copies.size() > 1) {
                    problems.add(where + " was "
                            + (processed > 1 ? "processed " + processed : "dead-lettered " + copies.size()) + " times");
                } else if (good && processed != 1) {
                    problems.add(where + " was dead-lettered though it is valid");
                } else if (!good && processed > 0) {
                    problems.add(where + " was committed as processed: the handler returned normally, so the"
                            + " poison was swallowed and never reached the dead-letter topic");
                } else if (!good) {
                    String damage = damage(copies.get(0), run, p);
                    if (damage != null) {
                        problems.add(where + ": its dead-letter copy " + damage);
                    }
                }
            }
            if (problems.isEmpty()) {
                return Verdict.passed();
            }
            return Verdict.failed(
                    consumer + " does not conserve records per partition: " + String.join("; ", problems) + ".",
                    contract.hasDeadLetterQueue()
                            ? "Every record must be either processed or in the dead-letter topic, exactly once: let"
                                    + " failures propagate (do not catch and return), and list permanent failures in"
                                    + " nonRetryable."
                            : "Declare a dead-letter topic (@EventConsumer(deadLetterTopic = ...)) so failed records"
                                    + " are kept, and let failures propagate.");
        }
    }

    /** What is wrong with a dead-letter copy, or null: value, key and the kafka_dlt-* headers. */
    private static String damage(KafkaRun.DeadLetter copy, KafkaRun run, KafkaRun.Produced original) {
        var r = copy.record();
        if (!Arrays.equals(r.value(), original.sample().body())) {
            return "has a different value";
        }
        if (!Arrays.equals(r.key(), original.key())) {
            return "has a different key";
        }
        if (!run.topic().equals(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))) {
            return "does not name the original topic in " + DeadLetterHeaders.ORIGINAL_TOPIC;
        }
        if (r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION) == null
                || DeadLetterHeaders.originalPartition(r.headers()) != original.partition()) {
            return "does not name partition " + original.partition() + " in " + DeadLetterHeaders.ORIGINAL_PARTITION;
        }
        if (r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET) == null
                || DeadLetterHeaders.originalOffset(r.headers()) != original.offset()) {
            return "does not name offset " + original.offset() + " in " + DeadLetterHeaders.ORIGINAL_OFFSET;
        }
        String fqcn = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.EXCEPTION_FQCN);
        if (fqcn == null || fqcn.isBlank()) {
            return "does not name the exception in " + DeadLetterHeaders.EXCEPTION_FQCN;
        }
        return null;
    }

    private Verdict schemaEvolution() throws Exception {
        Verdict notAvro = DeadLetterScenarios.withoutWriterVersions(contract);
        if (notAvro != null) {
            return notAvro;
        }
        List<Schema> writers = contract.writerSchemas();
        try (KafkaRun run = session.newRun(1)) {
            run.start(1);
            Map<String, Sample> produced = new LinkedHashMap<>();
            for (int v = 0; v < writers.size(); v++) {
                Sample sample = session.samples()
                        .written(
                                writers.get(v),
                                10 + v,
                                " written with writer version " + (v + 1) + " of " + writers.size());
                produced.put("v-" + (v + 1), sample);
                run.produce(sample, "v-" + (v + 1));
            }
            awaitSettledOrLooping(run, List.copyOf(produced.keySet()));
            run.stopInstances();
            for (var e : produced.entrySet()) {
                List<Delivery> settled = run.settled(e.getKey());
                if (settled.isEmpty() || settled.get(0).fate() != Delivery.Fate.PROCESSED) {
                    return Verdict.failed(
                            consumer + " cannot read " + e.getValue() + ": "
                                    + (settled.isEmpty()
                                            ? "it was not processed"
                                            : "it threw " + settled.get(0).failure())
                                    + ".",
                            "Keep the reader schema '" + contract.readerSchema().getFullName() + "' compatible with"
                                    + " every registered writer version: give new fields defaults and do not remove"
                                    + " fields without defaults (check-compatibility names the field).");
                }
            }
            return Verdict.passed();
        }
    }

    // ---- (o): per-key ordering

    private Verdict keyOrdering() throws Exception {
        String orderedBy = contract.orderedBy();
        if (orderedBy.isEmpty()) {
            return Verdict.skipped(consumer + " declares no orderedBy, so it promises no order; declare"
                    + " @EventConsumer(orderedBy = \"...\") when records of one key must be applied in order.");
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= ORDERED_RECORDS; i++) {
            samples.add(session.samples().sameKey(i, orderedBy, 1));
        }
        Baseline base = sequence(samples);
        FaultPlan.Mode mode = base.faultMode();
        if (mode == null) {
            return unreachable(base);
        }
        try (KafkaRun run = session.newRun(1)) {
            run.injectTransient(FaultPlan.transientFailure(
                    mode, a -> label(1).equals(a.messageId()) && a.attempt() == 1, session.http()));
            run.start(1);
            for (int i = 1; i <= samples.size(); i++) {
                run.produce(samples.get(i - 1), label(i));
            }
            boolean settled = run.await(() -> run.deliveries().size() >= samples.size());
            run.stopInstances();
            String what = base.describe() + " (one key, " + orderedBy + "="
                    + dev.eventcontracts.junit.internal.avro.SampleGenerator.keyValue(orderedBy, 1)
                    + ") with the first failing transiently once ("
                    + DeadLetterScenarios.injected(mode) + ")";
            if (!settled) {
                return Verdict.error(what + ": the records did not settle within "
                        + session.options().settleTimeout().toSeconds() + " s (settled: " + run.deliveries() + ").");
            }
            for (Delivery d : run.deliveries()) {
                if (d.fate() != Delivery.Fate.PROCESSED) {
                    return Verdict.failed(
                            consumer + " did not apply " + what + ": record " + run.labelAt(d.partition(), d.offset())
                                    + " ended " + fateText(d) + " with " + d.failure() + ".",
                            "Let the transient failure propagate so the record is retried in place.");
                }
            }
            Effects want = base.effects();
            Effects got = run.effects();
            String order = orderDifference(want, got);
            if (order != null) {
                return Verdict.failed(
                        consumer + " applies records of one key out of order: " + what + " " + order + ".",
                        "Records with the same " + orderedBy + " must be applied in the order they were produced:"
                                + " retry a failed record in place (a blocking retry) instead of parking it in a"
                                + " retry topic or a retry-later list while later records of the key go ahead.");
            }
            List<String> differences = EffectDiff.differences(want, got, run.initialState());
            if (!differences.isEmpty()) {
                return Verdict.failed(
                        consumer + " applies records of one key out of order: " + what + " "
                                + EffectDiff.join(differences) + " (expected the state of applying them in order).",
                        "Records with the same " + orderedBy + " must be applied in the order they were produced:"
                                + " retry a failed record in place instead of applying later records first.");
            }
            return Verdict.passed();
        }
    }

    /** How the order of published messages or HTTP requests differs, or null when it does not. */
    private static String orderDifference(Effects want, Effects got) {
        if (!want.messages().equals(got.messages()) && sorted(want.messages()).equals(sorted(got.messages()))) {
            return "published "
                    + got.messages().stream().map(Effects.Message::body).toList() + " (expected in the order "
                    + want.messages().stream().map(Effects.Message::body).toList() + ")";
        }
        if (!want.http().equals(got.http()) && sorted(want.http()).equals(sorted(got.http()))) {
            return "sent "
                    + got.http().stream()
                            .map(h -> h.method() + " " + h.path() + " " + h.body())
                            .toList()
                    + " (expected in the order "
                    + want.http().stream()
                            .map(h -> h.method() + " " + h.path() + " " + h.body())
                            .toList() + ")";
        }
        return null;
    }

    private static <T> List<String> sorted(List<T> items) {
        return items.stream().map(Object::toString).sorted().toList();
    }

    // ---- shared

    private void awaitSettledOrLooping(KafkaRun run, List<String> labels) {
        int bound = session.options().loopBound();
        run.await(() -> labels.stream().allMatch(l -> !run.settled(l).isEmpty() || attemptsOf(run, l) >= bound));
    }

    private static long attemptsOf(KafkaRun run, String label) {
        return run.attempts().stream().filter(a -> a.label().equals(label)).count();
    }

    private static String fateText(Delivery d) {
        return switch (d.fate()) {
            case PROCESSED -> "processed";
            case DEAD_LETTERED -> "in the dead-letter topic";
            case SKIPPED -> "skipped (lost: no dead-letter topic)";
        };
    }

    /**
     * The verdict on one record that must end in the dead-letter topic after {@code expected}
     * attempts: swallowed, dropped, retried too often or too little, looping in place, or a damaged
     * copy.
     */
    private Verdict poisonVerdict(KafkaRun run, String label, Sample poison, int expected, FaultPlan.Mode mode) {
        List<Delivery> settled = run.settled(label);
        long attempts = attemptsOf(run, label);
        int bound = session.options().loopBound();
        String injected = mode == null ? "" : " (" + DeadLetterScenarios.injected(mode) + ")";
        if (settled.isEmpty()) {
            if (attempts >= bound) {
                return Verdict.failed(
                        consumer + " retries poison in place forever: " + poison + injected + " was handled " + attempts
                                + " times without being dead-lettered, blocking its partition.",
                        "Bound maxAttempts and declare a dead-letter topic, and list permanent failures in"
                                + " nonRetryable.");
            }
            return Verdict.error(poison + ": the record did not settle within "
                    + session.options().settleTimeout().toSeconds() + " s (" + attempts + " attempts).");
        }
        Delivery d = settled.get(0);
        switch (d.fate()) {
            case PROCESSED -> {
                return Verdict.failed(
                        consumer + " swallows poison silently: the handler returned normally for " + poison + injected
                                + " on attempt " + d.attempts() + ", so its offset was committed and nothing reached"
                                + " the dead-letter topic.",
                        "Let the failure propagate (throw) so the container dead-letters the record; catching and"
                                + " logging it loses the record.");
            }
            case SKIPPED -> {
                return Verdict.failed(
                        consumer + " drops poison: " + poison + injected + " failed with " + d.failure() + " after "
                                + d.attempts()
                                + " attempt(s) and was skipped, because no dead-letter topic is declared;"
                                + " the record is lost.",
                        "Declare a dead-letter topic (@EventConsumer(deadLetterTopic = ...)).");
            }
            default -> {
                // dead-lettered: check the attempts and the copy below
            }
        }
        if (d.attempts() != expected) {
            if (d.attempts() < expected) {
                return Verdict.failed(
                        consumer + " dead-letters transient failures early: " + poison + injected
                                + " was dead-lettered on attempt " + d.attempts() + " of " + expected + " with "
                                + d.failure() + ".",
                        "Let I/O failures propagate unchanged and keep them out of nonRetryable, so they are"
                                + " retried maxAttempts times.");
            }
            return Verdict.failed(
                    consumer + " retries poison: " + poison + " was dead-lettered only after " + d.attempts()
                            + " attempts (expected " + expected + ") with " + d.failure() + ".",
                    "List the exception in nonRetryable so a record that can never succeed is dead-lettered at"
                            + " once.");
        }
        int deadLettered = (int) run.deliveries().stream()
                .filter(x -> x.fate() == Delivery.Fate.DEAD_LETTERED)
                .count();
        List<KafkaRun.DeadLetter> copies = run.deadLetters(deadLettered).stream()
                .filter(l -> l.label().equals(label))
                .toList();
        if (copies.isEmpty()) {
            return Verdict.error(poison + " was dead-lettered but no copy arrived in '" + run.deadLetterTopic()
                    + "' within " + session.options().settleTimeout().toSeconds() + " s.");
        }
        KafkaRun.Produced original = run.produced().stream()
                .filter(p -> p.label().equals(label))
                .findFirst()
                .orElseThrow();
        String damage = damage(copies.get(0), run, original);
        if (damage != null) {
            return Verdict.failed(
                    consumer + "'s dead-letter copy of " + poison + " " + damage + ".",
                    "Dead-letter the original record unchanged with the kafka_dlt-* headers.");
        }
        return Verdict.passed();
    }

    static Duration timeout(KafkaContractSession session) {
        return session.options().settleTimeout();
    }
}
