package dev.eventcontracts.spring.kafka;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.internal.HttpStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Kafka contract scenarios against the running service: records are produced to the
 * listener's topic, the service's own container, error handler, deserializers and retry topics
 * handle them, and the verdict comes from the topics — where each poison record ended (a
 * dead-letter topic with its headers, skipped and lost, or blocking its partition), the records the
 * service produced and the HTTP calls it made (docs/kafka.md, service mode).
 */
final class KafkaServiceScenarios {

    private final KafkaServiceSession session;
    private final KafkaSamples samples;
    private final Fixture fixture;
    private Map<String, Integer> baseline;
    private String deadLetterTopicSeen;

    /**
     * The listener's {@code ServiceFixture} as (i) uses it.
     *
     * @param name the fixture's class name, or null when the service has none
     * @param poison its business-invalid samples
     * @param samples its good samples (for raw payloads)
     */
    record Fixture(String name, List<?> poison, List<?> samples) {
        Fixture {
            poison = List.copyOf(poison);
            samples = List.copyOf(samples);
        }
    }

    KafkaServiceScenarios(KafkaServiceSession session, KafkaSamples samples, Fixture fixture) {
        this.session = session;
        this.samples = samples;
        this.fixture = fixture;
    }

    /** Where a record ended. */
    enum Kind {
        DEAD_LETTERED,
        BLOCKED,
        LOST,
        ACCEPTED
    }

    record Fate(
            Kind kind,
            TopicObserver.Seen deadLetter,
            List<TopicObserver.Seen> retries,
            long committed,
            List<String> effects) {}

    private record Outcome(ScenarioStatus status, String message, String fix) {
        static Outcome passed() {
            return new Outcome(ScenarioStatus.PASSED, null, null);
        }

        static Outcome skipped(String why) {
            return new Outcome(ScenarioStatus.SKIPPED, why, null);
        }

        static Outcome failed(String message, String fix) {
            return new Outcome(ScenarioStatus.FAILED, message, fix);
        }
    }

    String deadLetterTopicSeen() {
        return deadLetterTopicSeen;
    }

    /** Runs one scenario; never throws for a broken contract, only reports it. */
    ScenarioResult run(Scenario scenario) {
        long started = System.nanoTime();
        Outcome o;
        try {
            o = samples.raw() && samples.userGoodCount() == 0
                    ? samplesMissing()
                    : switch (scenario) {
                        case DUPLICATE_DELIVERY -> producedTwice();
                        case COMMIT_LOST -> commitLost();
                        case REBALANCE_MID_BATCH -> rebalanceToSecondInstance();
                        case OFFSET_REPLAY -> offsetReplay();
                        case NEW_KEY_AND_HEADERS -> newKeyAndHeaders();
                        case GROUP_REBALANCE -> twoInstancesAcrossRebalance();
                        case UNDECODABLE_BYTES -> poison(samples.undecodable());
                        case WRONG_SCHEMA -> poison(samples.wrongShape());
                        case NON_RETRYABLE -> nonRetryable();
                        case RETRIES_EXHAUSTED -> persistentFailure();
                        case TRANSIENT_RECOVERS -> transientRecovers();
                        case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
                        case CONSERVATION -> conservation();
                        case SCHEMA_EVOLUTION -> writerVersions();
                        case KEY_ORDERING -> keyOrdering();
                        case LOST_ACK,
                                OUT_OF_ORDER_REDELIVERY,
                                BATCH_REPLAY,
                                REPUBLISHED_NEW_MESSAGE_ID,
                                CONCURRENT_INSTANCES ->
                            Outcome.skipped("an AMQP scenario: Kafka runs its own shape of this letter.");
                    };
        } catch (KafkaSamples.UsedUp e) {
            o = Outcome.skipped(name() + " " + e.getMessage() + " (" + fixture.name() + "); supply more samples()"
                    + " (about 12 for every scenario, docs/kafka.md §5.2).");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            o = new Outcome(
                    ScenarioStatus.ERROR, name() + ": scenario '" + scenario.id() + "' could not run: " + e, null);
        } finally {
            session.stub().failNext(0);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ScenarioResult(scenario, o.status(), o.message(), o.fix(), millis);
    }

    /** Every scenario of a raw payload without good samples: skipped, saying what to supply. */
    private Outcome samplesMissing() {
        String simple = session.contract().listenerClass().getSimpleName();
        return Outcome.skipped("samples-missing (warning): " + name() + " reads a raw "
                + setup().payloadType().getSimpleName() + " payload, which it decodes itself, so Kafka service mode"
                + " cannot know what it accepts and runs no scenario. Supply good samples: a class in src/test/java"
                + " under the application's package implementing ServiceFixture<" + simple + "> whose samples()"
                + " returns values the listener accepts, each a new event (docs/kafka.md §5.2).");
    }

    private String name() {
        return session.contract().displayName();
    }

    private KafkaListenerSetup setup() {
        return session.setup();
    }

    // ---- effects ----------------------------------------------------------------------------

    private record Mark(int records, int calls) {}

    private Mark mark() {
        return new Mark(session.observer().mark(), session.stub().calls().size());
    }

    /** Records the service produced (not copies of samples) by topic, and HTTP calls by method and path. */
    private Map<String, Integer> effectsSince(Mark mark) {
        Map<String, Integer> effects = new TreeMap<>();
        for (TopicObserver.Seen s : session.observer().since(mark.records())) {
            if (s.sampleId() == null && !s.isCopy() && !s.topic().equals(setup().topic())) {
                effects.merge("record on '" + s.topic() + "'", 1, Integer::sum);
            }
        }
        List<HttpStub.Call> calls = session.stub().calls();
        for (HttpStub.Call c : calls.subList(Math.min(mark.calls(), calls.size()), calls.size())) {
            effects.merge("http " + c.method() + " " + c.path(), 1, Integer::sum);
        }
        return effects;
    }

    private List<String> effectBodiesSince(Mark mark) {
        List<String> bodies = new ArrayList<>();
        for (TopicObserver.Seen s : session.observer().since(mark.records())) {
            if (s.sampleId() == null && !s.isCopy() && !s.topic().equals(setup().topic())) {
                bodies.add(s.topic() + ": " + abbreviate(s.body()));
            }
        }
        return bodies;
    }

    private void settle(String what) {
        if (!session.observer().awaitSettled(session.settleTimeout())) {
            throw new IllegalStateException("the service did not settle during " + what + " within "
                    + session.settleTimeout().toSeconds() + " s (lagging: "
                    + session.observer().lagOfGroups()
                    + "): the listener " + name() + " may be looping or hanging; on a slow machine raise"
                    + " -Deventcontracts.settle.timeout=30");
        }
    }

    private Map<String, Integer> baseline() throws Exception {
        if (baseline == null) {
            Mark m = mark();
            session.produce(samples.good());
            settle("the baseline run");
            baseline = effectsSince(m);
        }
        return baseline;
    }

    private Outcome unprovable() {
        return Outcome.skipped("UNPROVABLE (warning): " + name() + " had no observable effect on a record (it"
                + " produced no record and called no HTTP endpoint), so its idempotency cannot be judged. Produce or"
                + " call something observable, or point its HTTP client at ${eventcontracts.http.uri} (docs/kafka.md,"
                + " service mode).");
    }

    private Outcome compare(Map<String, Integer> once, Mark mark, String how, String fix) {
        Map<String, Integer> faulted = effectsSince(mark);
        if (Objects.equals(once, faulted)) {
            return Outcome.passed();
        }
        return Outcome.failed(
                name() + " is not idempotent: one record of a new event had the effects " + once + ", " + how + " had "
                        + faulted + " (records produced: " + effectBodiesSince(mark) + ").",
                fix);
    }

    private static final String IDEMPOTENT_FIX = "make the listener's effects happen once per event: remember the"
            + " processed event ids (the idempotency key in the payload) in durable state, in the same transaction as"
            + " the effect, and skip repeats; call HTTP services with an idempotency key.";

    // ---- idempotency ------------------------------------------------------------------------

    private Outcome producedTwice() throws Exception {
        Map<String, Integer> once = baseline();
        if (once.isEmpty()) {
            return unprovable();
        }
        Mark m = mark();
        KafkaSamples.Sample event = samples.good();
        session.produce(event);
        session.produce(event);
        settle("scenario 'duplicate-delivery'");
        return compare(once, m, "the same record produced twice (a producer retry: two offsets)", IDEMPOTENT_FIX);
    }

    private Outcome commitLost() throws Exception {
        return redelivered(
                "commit-lost",
                session::startListeners,
                "the same record processed, its offset commit lost and the container restarted (it is delivered"
                        + " again)",
                IDEMPOTENT_FIX);
    }

    /** What makes the group read a record again after its commit was moved back to it. */
    @FunctionalInterface
    private interface Redelivery {
        void run() throws Exception;
    }

    /**
     * (b), (c), (d): a good record is processed, the containers stop, the group's committed offset is
     * moved back to the record and {@code redelivery} makes the service read it again; its effects must
     * equal one record's.
     */
    private Outcome redelivered(String scenario, Redelivery redelivery, String what, String fix) throws Exception {
        Map<String, Integer> once = baseline();
        if (once.isEmpty()) {
            return unprovable();
        }
        Mark m = mark();
        RecordMetadata at = session.produce(samples.good());
        settle("scenario '" + scenario + "'");
        KafkaServiceSession.stopListeners(session.context());
        session.moveCommittedOffset(new TopicPartition(at.topic(), at.partition()), at.offset());
        redelivery.run();
        settle("scenario '" + scenario + "'");
        return compare(once, m, what, fix);
    }

    private Outcome rebalanceToSecondInstance() throws Exception {
        return redelivered(
                "rebalance-mid-batch",
                () -> {
                    try (ConfigurableApplicationContext second = session.startContext()) {
                        session.awaitAssigned(KafkaListenerSetup.read(second, session.contract()));
                        settle("scenario 'rebalance-mid-batch'");
                        KafkaServiceSession.stopListeners(second);
                    }
                    session.startListeners();
                },
                "the same record processed by one instance, its commit lost, and its partition moved to a second"
                        + " instance of the service (same group)",
                IDEMPOTENT_FIX);
    }

    /** Kafka's own max.poll.interval.ms of the held instance in (f): it leaves the group after this long. */
    private static final String HELD_POLL_INTERVAL_MS = "1500";

    /**
     * (f): two instances in one group across a rebalance. The first instance handles a record and is
     * held before its offset commit (its effects are done) until it overruns {@code
     * max.poll.interval.ms} and leaves the group; a second application context of the service joins
     * the same group while the record and one behind it flow, gets the partition and the uncommitted
     * record again and stops; then the first goes on (its late commit is refused) and rejoins.
     * Effects must equal each record's once.
     */
    private Outcome twoInstancesAcrossRebalance() throws Exception {
        Map<String, Integer> once = baseline();
        if (once.isEmpty()) {
            return unprovable();
        }
        java.util.Properties consumer =
                setup().container().getContainerProperties().getKafkaConsumerProperties();
        String interval = consumer.getProperty("max.poll.interval.ms");
        long pollTimeout = setup().container().getContainerProperties().getPollTimeout();
        session.restartContainer(p -> {
            p.getKafkaConsumerProperties().setProperty("max.poll.interval.ms", HELD_POLL_INTERVAL_MS);
            p.setPollTimeout(200);
        });
        Mark m = mark();
        KafkaSamples.Sample first = samples.good();
        ListenerProbe probe = session.probe();
        try {
            probe.holdAfter(first.id(), session.settleTimeout().plusSeconds(20));
            session.produce(first);
            session.produce(samples.good());
            if (!probe.awaitHeld(session.settleTimeout())) {
                return new Outcome(
                        ScenarioStatus.ERROR,
                        name() + ": scenario 'group-rebalance' could not run: the listener's container did not handle"
                                + " the first record within "
                                + session.settleTimeout().toSeconds() + " s.",
                        null);
            }
            // the held instance overruns max.poll.interval.ms and leaves the group before the second joins
            session.awaitGroupEmpty(java.time.Duration.ofSeconds(5));
            try (ConfigurableApplicationContext second = session.startContext()) {
                try {
                    session.awaitAssigned(KafkaListenerSetup.read(second, session.contract()));
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("the second instance, the first held: " + e.getMessage(), e);
                }
                settle("scenario 'group-rebalance' (the second instance)");
                // the second leaves before the first goes on: its consumer never leaves in the middle of
                // the rebalance the first one's return starts
                KafkaServiceSession.stopListeners(second);
            }
            probe.release();
            settle("scenario 'group-rebalance' (the first instance rejoining)");
        } finally {
            probe.release();
            session.restartContainer(p -> {
                if (interval == null) {
                    p.getKafkaConsumerProperties().remove("max.poll.interval.ms");
                } else {
                    p.getKafkaConsumerProperties().setProperty("max.poll.interval.ms", interval);
                }
                p.setPollTimeout(pollTimeout);
            });
        }
        settle("scenario 'group-rebalance'");
        Map<String, Integer> twice = new TreeMap<>();
        once.forEach((k, v) -> twice.put(k, 2 * v));
        return compare(
                twice,
                m,
                "two records handled by two instances of the service in one group across a rebalance (the first"
                        + " instance handled the first record and lost its partition before its commit; the second"
                        + " got that record again)",
                IDEMPOTENT_FIX);
    }

    /**
     * (i): each business-invalid sample of the service's {@code ServiceFixture} must end in a
     * dead-letter topic after one attempt of the listener — not retried first, not blocking, not
     * skipped or accepted.
     */
    private Outcome nonRetryable() throws Exception {
        if (fixture.poison().isEmpty()) {
            String simple = session.contract().listenerClass().getSimpleName();
            return Outcome.skipped((fixture.name() == null
                            ? "no business-invalid sample for " + name() + ": "
                            : fixture.name() + " supplies no poisonSamples() for " + name() + ": ")
                    + "service mode cannot reach the listener's own validation without one. Supply one: a class in"
                    + " src/test/java under the application's package implementing ServiceFixture<" + simple + ">"
                    + " whose poisonSamples() returns payloads the listener must refuse (docs/service-mode.md,"
                    + " fixture).");
        }
        String simpleFixture = fixture.name().substring(fixture.name().lastIndexOf('.') + 1);
        for (int i = 0; i < fixture.poison().size(); i++) {
            KafkaSamples.Sample poison = samples.user(
                    fixture.poison().get(i), "business-invalid sample #" + (i + 1) + " of " + simpleFixture);
            Mark m = mark();
            Fate fate = send(poison, null, m);
            Outcome o = verdict(fate, poison);
            if (o.status() != ScenarioStatus.PASSED) {
                return o;
            }
            int attempts = session.probe().attempts(poison.id());
            if (attempts > 1) {
                String cause = fate.deadLetter().header("kafka_dlt-exception-cause-fqcn");
                String thrown = cause != null ? cause : fate.deadLetter().header("kafka_dlt-exception-fqcn");
                return Outcome.failed(
                        name() + ": " + where(poison) + " reached '"
                                + fate.deadLetter().topic() + "' only after "
                                + attempts + " attempts of the listener: " + setup().errorHandlerDisplay()
                                + " retried a record that can never succeed (" + thrown + "), blocking its partition"
                                + " meanwhile.",
                        "classify the validation failure as not retryable: errorHandler.addNotRetryableExceptions("
                                + (thrown == null ? "YourValidationException" : thrown) + ".class), so the record"
                                + " goes to the dead-letter topic at once.");
            }
        }
        return Outcome.passed();
    }

    private Outcome offsetReplay() throws Exception {
        return redelivered(
                "offset-replay",
                session::restartContext,
                "the same record replayed from an earlier offset after the service restarted (a new application"
                        + " context)",
                "keep the record of processed events in durable state (a database), not in fields of the listener"
                        + " bean: a restarted service replays uncommitted and reset offsets.");
    }

    private Outcome newKeyAndHeaders() throws Exception {
        Map<String, Integer> once = baseline();
        if (once.isEmpty()) {
            return unprovable();
        }
        Mark m = mark();
        KafkaSamples.Sample event = samples.good();
        session.produce(event);
        settle("scenario 'new-key-and-headers'");
        session.produce(event.withNewKeyAndHeader());
        settle("scenario 'new-key-and-headers'");
        return compare(
                once,
                m,
                "the same event produced again with a new record key and headers",
                "deduplicate on the business idempotency key in the payload, not on the record key, headers or"
                        + " offset.");
    }

    // ---- dead letters -----------------------------------------------------------------------

    private Fate fate(KafkaSamples.Sample sample, RecordMetadata at, Mark mark) {
        Fate fate = scan(sample, at, mark);
        if (fate.kind() == Kind.LOST) {
            // the group committed past the record, so a recoverer has already written any dead letter of
            // it (Spring commits after the send is acknowledged) — perhaps to a topic created just now,
            // which the observer reads after its next rebalance: read every topic to its present end first
            Map<TopicPartition, Long> unread = session.observer().awaitRead(session.settleTimeout());
            fate = scan(sample, at, mark);
            if (fate.kind() == Kind.LOST && !unread.isEmpty()) {
                throw new IllegalStateException("the observer could not read " + unread + " to its end within "
                        + session.settleTimeout().toSeconds() + " s, so whether " + sample.kind() + " was"
                        + " dead-lettered is unknown; on a slow machine raise -Deventcontracts.settle.timeout=30");
            }
        }
        return fate;
    }

    private Fate scan(KafkaSamples.Sample sample, RecordMetadata at, Mark mark) {
        TopicObserver.Seen deadLetter = null;
        List<TopicObserver.Seen> retries = new ArrayList<>();
        String claimed = session.contract().claimedDeadLetterTopic();
        for (TopicObserver.Seen s : session.observer().since(mark.records())) {
            if (s.topic().equals(setup().topic())
                    || !s.isCopyOf(sample.id(), at.topic(), at.partition(), at.offset())) {
                continue;
            }
            boolean dlt = KafkaListenerSetup.isDeadLetterTopicName(s.topic())
                    || s.topic().equals(claimed)
                    || (s.isCopy() && !s.topic().contains("retry"));
            if (dlt) {
                deadLetter = s;
                deadLetterTopicSeen = s.topic();
            } else {
                retries.add(s);
            }
        }
        long committed =
                session.observer().committed(setup().groupId(), new TopicPartition(at.topic(), at.partition()));
        if (deadLetter != null) {
            return new Fate(Kind.DEAD_LETTERED, deadLetter, retries, committed, List.of());
        }
        if (committed <= at.offset()) { // not past it: waiting behind, retrying, or its group has no member
            return new Fate(Kind.BLOCKED, null, retries, committed, List.of());
        }
        boolean effects = !effectsSince(mark).isEmpty();
        List<String> bodies = new ArrayList<>(effectBodiesSince(mark));
        if (effects && bodies.isEmpty()) {
            bodies.add(effectsSince(mark).toString());
        }
        return new Fate(effects ? Kind.ACCEPTED : Kind.LOST, null, retries, committed, bodies);
    }

    /** Produces {@code poison} (and {@code behind} after it, when given) and tells where the poison ended. */
    private Fate send(KafkaSamples.Sample poison, KafkaSamples.Sample behind, Mark mark) throws Exception {
        RecordMetadata at = session.produce(poison);
        RecordMetadata behindAt = behind == null ? null : session.produce(behind);
        boolean settled = session.observer().awaitSettled(session.settleTimeout());
        Fate fate = fate(poison, at, mark);
        if (!settled) {
            unblock(behindAt != null ? behindAt : at);
        }
        return fate;
    }

    /** Stops the listeners, commits past {@code last} and starts them again, so the next scenario starts clean. */
    private void unblock(RecordMetadata last) {
        KafkaServiceSession.stopListeners(session.context());
        session.moveCommittedOffset(new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
        session.startListeners();
        session.observer().awaitSettled(session.settleTimeout());
    }

    private String where(KafkaSamples.Sample s) {
        return "a poison record (" + s.kind() + ") on '" + setup().topic() + "'";
    }

    private Outcome verdict(Fate fate, KafkaSamples.Sample poison) {
        return switch (fate.kind()) {
            case DEAD_LETTERED -> deadLetterVerdict(fate, poison);
            case BLOCKED -> blocked(poison, fate);
            case LOST -> lost(poison, fate);
            case ACCEPTED ->
                Outcome.failed(
                        name() + " accepted " + where(poison) + ": it was processed (effects " + fate.effects()
                                + ") instead of being rejected and dead-lettered.",
                        "validate the payload in the listener and throw, so the error handler dead-letters it.");
        };
    }

    private boolean failsInDeserializer(KafkaSamples.Sample poison) {
        return !setup().errorHandlingDeserializer()
                && (poison.kind().startsWith("undecodable") || poison.kind().contains("wrong shape"));
    }

    private static final String EHD_FIX = "wrap the deserializer:"
            + " spring.kafka.consumer.value-deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer"
            + " and spring.kafka.consumer.properties.spring.deserializer.value.delegate.class=";

    private Outcome lost(KafkaSamples.Sample poison, Fate fate) {
        String gone = where(poison) + " of listener " + name() + " was logged and skipped — it is in no dead-letter"
                + " topic and group '" + setup().groupId() + "' committed past it";
        if (failsInDeserializer(poison)) {
            return Outcome.failed(
                    "no ErrorHandlingDeserializer: " + gone + ". The value deserializer '" + setup().valueDeserializer()
                            + "' failed in the consumer's poll(), so the container skipped the record before the"
                            + " error handler (" + setup().errorHandlerDisplay() + ") could dead-letter it.",
                    EHD_FIX + setup().valueDeserializer() + ", so the error handler receives the failure and its"
                            + " DeadLetterPublishingRecoverer publishes the record to the dead-letter topic.");
        }
        if (!setup().recoverer().equals("DeadLetterPublishingRecoverer")) {
            return Outcome.failed(
                    "no DeadLetterPublishingRecoverer: " + gone + " (" + setup().errorHandlerDisplay() + "; a"
                            + " DefaultErrorHandler without a recoverer logs and skips the record after 10 attempts by"
                            + " default).",
                    "give the container factory an error handler that dead-letters: new DefaultErrorHandler(new"
                            + " DeadLetterPublishingRecoverer(template), new FixedBackOff(1000L, 2)) as a"
                            + " CommonErrorHandler bean (Spring Boot sets it on its container factory).");
        }
        return Outcome.failed(
                gone + " (to offset " + fate.committed() + "), although the error handler is "
                        + setup().errorHandlerDisplay() + ": after that commit every topic of the cluster was read to"
                        + " its end and none holds a copy of the record, nor did it have an effect — the recoverer"
                        + " returned without publishing it, or the listener returned without a trace.",
                "check the recoverer's destination resolver (a null destination skips the record) and that its"
                        + " KafkaTemplate can serialize the failed value (raw bytes for deserialization failures: a"
                        + " DelegatingByTypeSerializer).");
    }

    private Outcome blocked(KafkaSamples.Sample poison, Fate fate) {
        String problem;
        String fix;
        if (failsInDeserializer(poison)) {
            problem = where(poison) + " blocks its partition: listener " + name() + " reads values with '"
                    + setup().valueDeserializer() + "' and no ErrorHandlingDeserializer, so the record fails in the"
                    + " consumer's poll() before the error handler can dead-letter it; group '" + setup().groupId()
                    + "' is still at offset " + fate.committed() + " after "
                    + session.settleTimeout().toSeconds()
                    + " s and every record behind it waits.";
            fix = EHD_FIX + setup().valueDeserializer() + ", with a DefaultErrorHandler and a"
                    + " DeadLetterPublishingRecoverer.";
        } else {
            problem = where(poison) + " blocks its partition: " + setup().errorHandlerDisplay() + " of listener "
                    + name() + " retries it without end; group '" + setup().groupId() + "' is still at offset "
                    + fate.committed() + " after " + session.settleTimeout().toSeconds() + " s.";
            fix = "bound the retries and dead-letter: new DefaultErrorHandler(new"
                    + " DeadLetterPublishingRecoverer(template), new FixedBackOff(1000L, 2)).";
        }
        return Outcome.failed(problem, fix);
    }

    private Outcome deadLetterVerdict(Fate fate, KafkaSamples.Sample poison) {
        TopicObserver.Seen dlt = fate.deadLetter();
        String claimed = session.contract().claimedDeadLetterTopic();
        if (!claimed.isEmpty() && !claimed.equals(dlt.topic())) {
            return Outcome.failed(
                    name() + ": @EventConsumer claims deadLetterTopic '" + claimed + "', but the service"
                            + " dead-lettered " + poison.kind() + " to '" + dlt.topic() + "'.",
                    "make the claim and the configuration agree: @EventConsumer(deadLetterTopic = \"" + dlt.topic()
                            + "\"), or a destination resolver in the DeadLetterPublishingRecoverer that names '"
                            + claimed + "'.");
        }
        return Outcome.passed();
    }

    /**
     * Problems with the dead-letter headers of {@code fate} (m): original topic, partition, offset
     * and exception, in either header set Spring writes ({@link OriginHeaders}).
     */
    private List<String> headerProblems(Fate fate, RecordMetadata at) {
        TopicObserver.Seen dlt = fate.deadLetter();
        OriginHeaders origin = dlt.origin();
        if (origin == null) {
            return List.of("it has neither kafka_dlt-original-topic (DeadLetterPublishingRecoverer) nor"
                    + " kafka_original-topic (@RetryableTopic), so its original topic, partition and offset are"
                    + " unknown");
        }
        return origin.problems(dlt, setup().topic(), at.partition(), at.offset());
    }

    private Outcome poison(KafkaSamples.Sample poison) throws Exception {
        Mark m = mark();
        Fate fate = send(poison, null, m);
        return verdict(fate, poison);
    }

    private Outcome persistentFailure() throws Exception {
        KafkaSamples.Sample poison = samples.blank(null);
        Mark m = mark();
        Fate fate = send(poison, null, m);
        if (fate.kind() == Kind.ACCEPTED) {
            return Outcome.skipped(name() + " accepted " + poison.kind() + ", so no failure could be made to"
                    + " persist; validate the payload in the listener (docs/kafka.md, service mode limits).");
        }
        return verdict(fate, poison);
    }

    private Outcome transientRecovers() throws Exception {
        Map<String, Integer> once = baseline();
        if (once.keySet().stream().noneMatch(k -> k.startsWith("http "))) {
            return Outcome.skipped(name() + " called no HTTP endpoint on a record, so no downstream failure could be"
                    + " injected; point its HTTP client at ${eventcontracts.http.uri} (docs/kafka.md, service mode).");
        }
        Mark m = mark();
        KafkaSamples.Sample event = samples.good();
        session.stub().failNext(1);
        RecordMetadata at = session.produce(event);
        settle("scenario 'transient-recovers'");
        Fate fate = fate(event, at, m);
        if (fate.kind() == Kind.DEAD_LETTERED) {
            return Outcome.failed(
                    name() + ": one HTTP 503 from a downstream service dead-lettered the event to '"
                            + fate.deadLetter().topic() + "' instead of retrying it (" + setup().errorHandlerDisplay()
                            + ").",
                    "give the DefaultErrorHandler a back-off with retries (new FixedBackOff(1000L, 2)) so a transient"
                            + " failure is retried before it is dead-lettered.");
        }
        return compare(once, m, "one event whose first HTTP call got a 503", IDEMPOTENT_FIX);
    }

    private Outcome headOfLine() throws Exception {
        Map<String, Integer> once = baseline();
        KafkaSamples.Sample good = samples.good();
        KafkaSamples.Sample poison = samples.blank(good.key());
        Mark m = mark();
        Fate fate = send(poison, good, m);
        Map<String, Integer> effects = effectsSince(m);
        boolean processed = once.isEmpty()
                ? fate.kind() != Kind.BLOCKED
                : effects.entrySet().containsAll(once.entrySet());
        if (processed) {
            return Outcome.passed();
        }
        Outcome why = verdict(fate, poison);
        return Outcome.failed(
                name() + ": a good record behind a poison record (same key, same partition) was not processed"
                        + (why.message() == null ? "." : ": " + why.message()),
                why.fix());
    }

    private Outcome conservation() throws Exception {
        List<KafkaSamples.Sample> poisons = List.of(samples.undecodable(), samples.wrongShape(), samples.blank(null));
        List<String> problems = new ArrayList<>();
        String fix = null;
        for (KafkaSamples.Sample poison : poisons) {
            Mark m = mark();
            RecordMetadata at = session.produce(poison);
            boolean settled = session.observer().awaitSettled(session.settleTimeout());
            Fate fate = fate(poison, at, m);
            if (!settled) {
                unblock(at);
            }
            if (fate.kind() == Kind.DEAD_LETTERED) {
                long copies = session.observer().since(m.records()).stream()
                        .filter(s -> poison.id().equals(s.sampleId())
                                && s.topic().equals(fate.deadLetter().topic()))
                        .count();
                List<String> headers = headerProblems(fate, at);
                if (copies != 1) {
                    problems.add(poison.kind() + " is in '" + fate.deadLetter().topic() + "' " + copies + " times.");
                }
                if (!headers.isEmpty()) {
                    problems.add("the dead letter of " + poison.kind() + " in '"
                            + fate.deadLetter().topic() + "' lost its origin: " + String.join(", ", headers) + ".");
                    fix = fix == null
                            ? "publish dead letters with Spring's DeadLetterPublishingRecoverer, which keeps the"
                                    + " original headers and adds kafka_dlt-original-topic/-partition/-offset and"
                                    + " kafka_dlt-exception-fqcn (kafka_original-* and kafka_exception-fqcn on the"
                                    + " @RetryableTopic path); a headersFunction or custom recoverer must not drop"
                                    + " them."
                            : fix;
                }
                continue;
            }
            if (fate.kind() == Kind.ACCEPTED && poison.kind().startsWith("an event with blank")) {
                continue; // a listener that accepts blank events has no failure to conserve here
            }
            Outcome o = verdict(fate, poison);
            problems.add(o.message());
            fix = fix == null ? o.fix() : fix;
        }
        if (problems.isEmpty()) {
            return Outcome.passed();
        }
        return Outcome.failed(
                "records were not conserved on '" + setup().topic() + "' (every record must be processed or in the"
                        + " dead-letter topic exactly once): " + String.join(" ", problems),
                fix);
    }

    // ---- (n): registered writer versions --------------------------------------------------

    /** Sample indexes of older writer versions start here, clear of the good samples' 1, 2, 3, .... */
    private static final int WRITER_SAMPLE_BASE = 100_000;

    /**
     * (n): one good event per older writer version of the Avro payload, built from that schema by
     * plain mode's generator and written by Apicurio's serializer (which registers the version),
     * must be processed like a good sample — its effects, not dead-lettered, blocked or lost.
     */
    private Outcome writerVersions() throws Exception {
        List<String> writers = session.contract().previousWriterSchemaFiles();
        if (!samples.avro()) {
            return Outcome.skipped(name() + " reads "
                    + (samples.raw() ? "a raw payload" : "JSON")
                    + ", not an Avro record: no registered writer versions to read.");
        }
        if (writers.isEmpty()) {
            return Outcome.skipped(name() + ": no older writer version of "
                    + setup().payloadType().getSimpleName() + " is registered, so only the current schema is"
                    + " written (every other scenario does that).");
        }
        Map<String, Integer> once = baseline();
        for (int v = 0; v < writers.size(); v++) {
            String version =
                    "writer version " + (v + 1) + " of " + (writers.size() + 1) + " ('" + writers.get(v) + "')";
            KafkaSamples.Sample sample =
                    samples.written(writers.get(v), WRITER_SAMPLE_BASE + v, "a good event written with " + version);
            Mark m = mark();
            Fate fate = send(sample, null, m);
            Map<String, Integer> effects = effectsSince(m);
            boolean processed = once.isEmpty()
                    ? fate.kind() == Kind.LOST || fate.kind() == Kind.ACCEPTED
                    : effects.entrySet().containsAll(once.entrySet());
            if (!processed) {
                return Outcome.failed(
                        name() + " cannot read " + version + " of "
                                + setup().payloadType().getName() + ": " + unread(fate, once, effects) + ".",
                        "keep the reader schema of " + setup().payloadType().getSimpleName() + " compatible with"
                                + " every registered writer version: give new fields defaults and do not remove"
                                + " fields without defaults (check-compatibility names the field).");
            }
        }
        return Outcome.passed();
    }

    /** Where a writer version's record ended instead of being processed. */
    private String unread(Fate fate, Map<String, Integer> once, Map<String, Integer> effects) {
        return switch (fate.kind()) {
            case DEAD_LETTERED -> {
                TopicObserver.Seen dlt = fate.deadLetter();
                yield "it was dead-lettered to '" + dlt.topic() + "' (" + rootCause(dlt) + ")";
            }
            case BLOCKED ->
                "it blocks its partition: group '" + setup().groupId() + "' is still at offset " + fate.committed()
                        + " after " + session.settleTimeout().toSeconds() + " s";
            case LOST -> "it was skipped without an effect (a good event had " + once + ")";
            case ACCEPTED -> "its effects were " + effects + ", a good event's " + once;
        };
    }

    /**
     * The deepest cause in a dead letter's {@code kafka_dlt-exception-stacktrace} — for a record the
     * deserializer could not read, the Avro error under Spring's {@code DeserializationException} —
     * else its exception class and message.
     */
    private static String rootCause(TopicObserver.Seen dlt) {
        String trace = dlt.header("kafka_dlt-exception-stacktrace");
        String cause = null;
        if (trace != null) {
            for (String line : trace.split("\\R")) {
                String t = line.strip();
                if (t.startsWith("Caused by: ")) {
                    cause = t.substring("Caused by: ".length());
                }
            }
        }
        if (cause != null) {
            return cause;
        }
        return dlt.header("kafka_dlt-exception-fqcn") + ": " + dlt.header("kafka_dlt-exception-message");
    }

    // ---- ordering ---------------------------------------------------------------------------

    private Outcome keyOrdering() throws Exception {
        String orderedBy = session.contract().orderedBy();
        if (orderedBy.isEmpty()) {
            return Outcome.skipped(name() + " declares no order (@EventConsumer(orderedBy = ...)), so records of one"
                    + " key may be applied in any order.");
        }
        String key = "event-contracts-key-" + java.util.UUID.randomUUID();
        KafkaSamples.Sample failing = samples.blank(key);
        KafkaSamples.Sample later = samples.good(key);
        Mark m = mark();
        Fate fate = send(failing, later, m);
        if (fate.kind() == Kind.ACCEPTED) {
            return Outcome.skipped(name() + " accepted " + failing.kind() + ", so no retry could be provoked to test"
                    + " the order of key '" + orderedBy + "'.");
        }
        if (fate.retries().isEmpty()) {
            return Outcome.passed(); // retried in place: nothing of the key overtook the failed record
        }
        return Outcome.failed(
                name() + " declares @EventConsumer(orderedBy = \"" + orderedBy + "\"), but its retry topics reorder"
                        + " records of one key: a failing record of key '" + key + "' was moved to "
                        + fate.retries().stream()
                                .map(TopicObserver.Seen::topic)
                                .distinct()
                                .toList()
                        + " (non-blocking retries, @RetryableTopic / RetryTopicConfiguration) while the next record of"
                        + " the same key was processed before it.",
                "retry in place for ordered listeners: remove @RetryableTopic (or the RetryTopicConfiguration bean)"
                        + " and use new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new"
                        + " FixedBackOff(1000L, 2)), which blocks the partition while it retries.");
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
