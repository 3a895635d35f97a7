package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract scenarios against the running service: the broker makes the redelivery shapes
 * (fault rules), the service's own container, converter, retry and topology handle them, and the
 * broker's counters, journal and dead-letter queues give the verdict (docs/service-mode.md).
 */
public final class ServiceScenarios {

    /** What the scenarios need from the outside: the broker, the service and the samples. */
    public record Parts(
            ListenerTarget contract,
            ListenerSetup setup,
            BrokerAdmin admin,
            SamplePublisher publisher,
            Observer observer,
            Samples samples,
            UserSamples userSamples,
            HttpStub stub,
            Instances instances) {}

    private final Parts parts;
    private final Set<ContractSession.Finding> findings = new LinkedHashSet<>();

    private final PublishFaults publishFaults;
    private final IdempotencyRuns idempotency;

    /** Scenarios over {@code parts}. */
    public ServiceScenarios(Parts parts) {
        this.parts = parts;
        this.publishFaults = new PublishFaults(this, parts);
        this.idempotency = new IdempotencyRuns(this, parts);
    }

    /** Records a finding (kept once). */
    void report(ContractSession.Finding finding) {
        findings.add(finding);
    }

    /** What the scenarios found besides their verdicts, e.g. {@code effects-unobservable}, in order. */
    public List<ContractSession.Finding> findings() {
        return List.copyOf(findings);
    }

    /** Runs one scenario; never throws for a broken contract, only reports it. */
    public ScenarioResult run(Scenario scenario) {
        long started = System.nanoTime();
        Outcome o;
        try {
            o = switch (scenario) {
                case DUPLICATE_DELIVERY,
                        LOST_ACK,
                        OUT_OF_ORDER_REDELIVERY,
                        BATCH_REPLAY,
                        REPUBLISHED_NEW_MESSAGE_ID,
                        CONCURRENT_INSTANCES -> idempotency.run(scenario);
                case UNDECODABLE_BYTES -> poison(parts.samples().undecodable());
                case WRONG_SCHEMA -> poison(parts.samples().wrongShape());
                case NON_RETRYABLE -> nonRetryable();
                case RETRIES_EXHAUSTED -> persistentFailure();
                case TRANSIENT_RECOVERS -> transientRecovers();
                case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
                case CONSERVATION -> conservation();
                case SCHEMA_EVOLUTION ->
                    Outcome.skipped(
                            AvroSamples.isSpecificRecord(parts.setup().payloadType())
                                    ? "older writer versions of the Avro payload are not published in service mode yet"
                                            + " (docs/service-mode.md, limits); plain mode runs (n)."
                                    : "the payload is not an Avro record: no registered writer versions to read.");
                default ->
                    Outcome.skipped(scenario.id() + " is a Kafka scenario; RabbitMQ service mode runs the AMQP"
                            + " scenarios (@KafkaListener methods run in Kafka service mode, docs/kafka.md §5).");
            };
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            o = new Outcome(
                    ScenarioStatus.ERROR,
                    parts.contract().displayName() + ": scenario '" + scenario.id() + "' could not run: " + e,
                    null);
        } finally {
            parts.admin().clearFaults();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ScenarioResult(scenario, o.status(), o.message(), o.fix(), millis);
    }

    record Outcome(ScenarioStatus status, String message, String fix) {
        static Outcome passed() {
            return new Outcome(ScenarioStatus.PASSED, null, null);
        }

        static Outcome skipped(String why) {
            return new Outcome(ScenarioStatus.SKIPPED, why, null);
        }

        static Outcome failed(String message, String fix) {
            return new Outcome(ScenarioStatus.FAILED, message, fix);
        }

        boolean ok() {
            return status == ScenarioStatus.PASSED;
        }
    }

    Effects baseline(int messages) throws Exception {
        return idempotency.baseline(messages);
    }

    Outcome compare(Effects once, Effects faulted, String how) {
        return idempotency.compare(once, faulted, how, "");
    }

    // ---- dead letters -----------------------------------------------------------------------

    private Outcome poison(Samples.Encoded poison) throws Exception {
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        cleanUpAfter(fate);
        return verdict(fate, poison.kind());
    }

    /**
     * (i): each business-invalid sample of the service's fixture must be dead-lettered after one
     * delivery by the broker — not accepted, requeued, dropped or lost.
     */
    private Outcome nonRetryable() throws Exception {
        List<Samples.Encoded> poisons = parts.userSamples().poison();
        String name = parts.contract().displayName();
        if (poisons.isEmpty()) {
            String simple = parts.contract().listenerClass().getSimpleName();
            return Outcome.skipped((parts.userSamples().fixture() == null
                            ? "no business-invalid sample for " + name + ": "
                            : parts.userSamples().fixture() + " supplies no poisonSamples() for " + name + ": ")
                    + "service mode cannot reach the listener's own validation without one. Supply one: a class in"
                    + " src/test/java under the application's package implementing ServiceFixture<" + simple + ">"
                    + " whose poisonSamples() returns payloads the listener must refuse (docs/service-mode.md,"
                    + " fixture).");
        }
        for (Samples.Encoded poison : poisons) {
            Observer.Mark mark = parts.observer().mark();
            publish(poison);
            Fate fate = parts.observer().awaitFate(mark, poison.messageId());
            cleanUpAfter(fate);
            Outcome o = verdict(fate, "a " + poison.kind());
            if (o.status() != ScenarioStatus.PASSED) {
                return o;
            }
            if (fate.deliveries() > 1) {
                return new Outcome(
                        ScenarioStatus.FAILED,
                        name + ": a " + poison.kind() + " was dead-lettered only after "
                                + FateMessages.plural(fate.deliveries())
                                + " by the broker (requeued in between), not after one.",
                        "reject a business-invalid message without requeueing it: throw"
                                + " AmqpRejectAndDontRequeueException for it, or set "
                                + parts.setup().property("default-requeue-rejected") + ": false.");
            }
        }
        return Outcome.passed();
    }

    /**
     * (k): a downstream failure that recovers — the HTTP stub answers the listener's first request
     * with 503, and the broker nacks its first outgoing publish — must be retried: the event is
     * processed once (effects as one clean delivery), neither dead-lettered nor lost.
     */
    private Outcome transientRecovers() throws Exception {
        Effects once = baseline(1);
        if (once.http().isEmpty() && once.messages().isEmpty()) {
            return Outcome.skipped(parts.contract().displayName() + " called no HTTP endpoint and published no message"
                    + " on a delivery, so no downstream failure could be injected; point its HTTP client at"
                    + " ${eventcontracts.http.uri} (docs/service-mode.md, effects).");
        }
        if (!once.messages().isEmpty()) {
            Outcome o = publishFaults.recovers(once);
            if (!o.ok() || once.http().isEmpty()) {
                return o;
            }
        }
        Observer.Mark mark = parts.observer().mark();
        Samples.Encoded event = parts.samples().good();
        parts.stub().failNext(1);
        publish(event);
        requireQuiet("scenario 'transient-recovers'");
        parts.stub().failNext(0);
        if (parts.observer().isDeadLettered(event.messageId())) {
            cleanUpAfter(new Fate(Fate.Kind.DEAD_LETTERED, 0, null, List.of()));
            return new Outcome(
                    ScenarioStatus.FAILED,
                    parts.contract().displayName() + ": one HTTP 503 from a downstream service dead-lettered the"
                            + " event instead of retrying it (" + parts.setup().property("retry.enabled") + " = "
                            + parts.setup().propertyValue("retry.enabled", "false") + ").",
                    "set " + parts.setup().property("retry.enabled") + ": true with "
                            + parts.setup().retrySetting(2) + " or more,"
                            + " so a transient failure is retried before it is dead-lettered.");
        }
        return compare(once, parts.observer().effectsSince(mark), "one event whose first HTTP call got a 503");
    }

    /**
     * (j): a failure that persists — a business-invalid event (blank and zero fields: the
     * listener's own validation fails); a good event whose every attempt fails before the listener
     * runs (an unexpected exception, as when its database stays down — the failure a listener's own
     * {@code AmqpRejectAndDontRequeueException} does not cover), held against {@code
     * @EventConsumer(maxAttempts)}; and, when the listener publishes, the broker refusing every
     * outgoing publish. Each must end dead-lettered after bounded attempts, never looped, dropped
     * or acknowledged and lost.
     */
    private Outcome persistentFailure() throws Exception {
        Samples.Encoded poison = parts.samples().blank();
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        cleanUpAfter(fate);
        if (fate.kind() != Fate.Kind.ACCEPTED) {
            Outcome outcome = verdict(fate, poison.kind());
            if (outcome.status() != ScenarioStatus.PASSED) {
                return outcome;
            }
        }
        Samples.Encoded failing = parts.samples().good();
        failing = failing.withKind("an event whose every attempt fails (injected: as if its database stayed down)");
        parts.setup().attempts().failAlways(failing.messageId());
        mark = parts.observer().mark();
        publish(failing);
        Fate injected = parts.observer().awaitFate(mark, failing.messageId());
        cleanUpAfter(injected);
        Outcome outcome = verdict(injected, failing.kind());
        if (outcome.status() == ScenarioStatus.PASSED) {
            outcome = attemptsClaim(injected, failing);
        }
        if (outcome.status() != ScenarioStatus.PASSED) {
            return outcome;
        }
        Effects once = baseline(1);
        return once.messages().isEmpty() ? outcome : publishFaults.persists(once);
    }

    /**
     * Where {@code @EventConsumer(maxAttempts)} makes a claim: the listener's attempts at a failure
     * that persists (counted inside the container's retry, so stateless retries count too) must
     * equal it.
     */
    private Outcome attemptsClaim(Fate fate, Samples.Encoded poison) {
        int claimed = parts.contract().claimedMaxAttempts();
        int attempts = parts.setup().attempts().attempts(poison.messageId());
        if (claimed <= 0 || attempts == claimed) {
            return Outcome.passed();
        }
        ListenerSetup setup = parts.setup();
        String retry = setup.retryDescription();
        return new Outcome(
                ScenarioStatus.FAILED,
                parts.contract().displayName() + ": @EventConsumer claims maxAttempts " + claimed
                        + ", but the service tried " + poison.kind() + " " + attempts + " time"
                        + (attempts == 1 ? "" : "s") + " before it was dead-lettered to '" + fate.deadLetterQueue()
                        + "' (" + FateMessages.plural(fate.deliveries()) + " by the broker; " + retry + ").",
                "make the claim and the configuration agree: @EventConsumer(maxAttempts = " + attempts + ") or "
                        + setup.retrySetting(claimed) + " with " + setup.property("retry.enabled") + ": true.");
    }

    Outcome verdict(Fate fate, String what) {
        ListenerTarget contract = parts.contract();
        ListenerSetup setup = parts.setup();
        if (fate.kind() != Fate.Kind.DEAD_LETTERED) {
            return new Outcome(
                    ScenarioStatus.FAILED,
                    FateMessages.problem(contract, setup, fate, "a poison message (" + what + ")"),
                    FateMessages.fix(setup, fate));
        }
        String claimed = contract.claimedDeadLetterQueue();
        if (!claimed.isEmpty() && !claimed.equals(fate.deadLetterQueue())) {
            return new Outcome(
                    ScenarioStatus.FAILED,
                    contract.displayName() + ": @EventConsumer claims deadLetterQueue '" + claimed
                            + "', but the service dead-lettered " + what + " to '" + fate.deadLetterQueue() + "'.",
                    "make the claim and the configuration agree: @EventConsumer(deadLetterQueue = \""
                            + fate.deadLetterQueue() + "\") or bind '" + claimed + "' to the queue's dead-letter"
                            + " exchange.");
        }
        return Outcome.passed();
    }

    void cleanUpAfter(Fate fate) {
        if (fate.kind() == Fate.Kind.REQUEUED_FOREVER || fate.kind() == Fate.Kind.UNSETTLED) {
            parts.instances().restartListeners();
        }
        for (BrokerAdmin.QueueState q : parts.admin().queues()) {
            if (!q.name().equals(parts.setup().queue()) && q.ready() > 0 && q.consumers() == 0) {
                parts.admin().purge(q.name());
            }
        }
    }

    private Outcome headOfLine() throws Exception {
        Samples.Encoded poison = parts.samples().blank();
        Samples.Encoded good = parts.samples().good();
        Effects once = baseline(1);
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        publish(good);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        Effects effects = parts.observer().effectsSince(mark);
        long acks = parts.observer().acksSince(mark);
        cleanUpAfter(fate);
        boolean processed = Observer.isEmpty(once) ? acks >= 1 : contains(effects, once);
        if (processed || fate.kind() == Fate.Kind.ACKED_AND_LOST) {
            return Outcome.passed();
        }
        return new Outcome(
                ScenarioStatus.FAILED,
                parts.contract().displayName() + ": a good message behind a poison message (" + poison.kind()
                        + ") was not processed: "
                        + FateMessages.problem(parts.contract(), parts.setup(), fate, "the poison message"),
                FateMessages.fix(parts.setup(), fate));
    }

    private Outcome conservation() throws Exception {
        List<Samples.Encoded> poisons = new ArrayList<>(List.of(
                parts.samples().undecodable(),
                parts.samples().wrongShape(),
                parts.samples().blank()));
        parts.userSamples().poison().stream().findFirst().ifPresent(poisons::add);
        if (allDeadLetteredTogether(poisons)) {
            return Outcome.passed();
        }
        List<String> problems = new ArrayList<>();
        String fix = null;
        for (Samples.Encoded poison : poisons) {
            Observer.Mark mark = parts.observer().mark();
            publish(poison); // alone: its fate is told by the queue's counters
            Fate fate = parts.observer().awaitFate(mark, poison.messageId());
            cleanUpAfter(fate);
            if (fate.kind() == Fate.Kind.DEAD_LETTERED) {
                continue;
            }
            problems.add(FateMessages.problem(parts.contract(), parts.setup(), fate, poison.kind()));
            fix = fix == null ? FateMessages.fix(parts.setup(), fate) : fix;
        }
        Observer.Mark mark = parts.observer().mark();
        publish(parts.samples().good());
        requireQuiet("scenario 'conservation'");
        if (parts.setup().acknowledgeMode() != org.springframework.amqp.core.AcknowledgeMode.NONE
                && parts.observer().acksSince(mark) < 1) {
            problems.add(parts.contract().displayName() + ": a good message was neither acknowledged nor"
                    + " dead-lettered.");
        }
        if (problems.isEmpty()) {
            return Outcome.passed();
        }
        return new Outcome(ScenarioStatus.FAILED, "messages were not conserved: " + String.join(" ", problems), fix);
    }

    /**
     * The quick path of (m): every poison message and a good one published together; true when
     * each poison message is in a dead-letter queue and the good one was acknowledged. Otherwise
     * (including a loop, cut short) the caller publishes them one by one to tell each fate.
     */
    private boolean allDeadLetteredTogether(List<Samples.Encoded> poisons) throws Exception {
        if (parts.setup().acknowledgeMode() == org.springframework.amqp.core.AcknowledgeMode.NONE) {
            return false;
        }
        Observer.Mark mark = parts.observer().mark();
        for (Samples.Encoded poison : poisons) {
            publish(poison);
        }
        publish(parts.samples().good());
        boolean settled = parts.observer().awaitQuietUnlessLooping(mark, poisons.size() + 1);
        java.util.Set<String> deadLettered = parts.observer().deadLetteredIds();
        boolean all = settled
                && poisons.stream().allMatch(p -> deadLettered.contains(p.messageId()))
                && parts.observer().acksSince(mark) >= 1;
        cleanUpAfter(new Fate(settled ? Fate.Kind.DEAD_LETTERED : Fate.Kind.REQUEUED_FOREVER, 0, null, List.of()));
        return all;
    }

    // ---- helpers ----------------------------------------------------------------------------

    void publish(Samples.Encoded m) throws Exception {
        if (m.kind().equals("sample")) {
            parts.observer().learnSample(m);
        }
        parts.publisher().publish(parts.setup().queue(), m);
    }

    /** Whether {@code all} holds every message and request of {@code part} (as multisets). */
    private static boolean contains(Effects all, Effects part) {
        List<Object> rest = new ArrayList<>(all.messages());
        rest.addAll(all.http());
        for (Object o : part.messages()) {
            if (!rest.remove(o)) {
                return false;
            }
        }
        for (Object o : part.http()) {
            if (!rest.remove(o)) {
                return false;
            }
        }
        return true;
    }

    void requireQuiet(String what) {
        if (!parts.observer().awaitQuiet()) {
            throw new IllegalStateException("queue '" + parts.setup().queue() + "' did not settle during " + what
                    + ": the listener " + parts.contract().displayName() + " may be looping on a message or"
                    + " hanging; on a slow machine raise -Deventcontracts.settle.timeout=30");
        }
    }
}
