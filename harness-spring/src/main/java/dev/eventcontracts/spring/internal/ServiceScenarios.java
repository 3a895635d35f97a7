package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.effects.EffectDiff;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final Map<Integer, Effects> baselines = new HashMap<>();
    private final Set<ContractSession.Finding> findings = new LinkedHashSet<>();

    private final PublishFaults publishFaults;

    /** Scenarios over {@code parts}. */
    public ServiceScenarios(Parts parts) {
        this.parts = parts;
        this.publishFaults = new PublishFaults(this, parts);
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
                case DUPLICATE_DELIVERY ->
                    redelivery(scenario, 1, "delivering it twice", rule("duplicate-deliveries", "times", 1));
                case LOST_ACK ->
                    redelivery(
                            scenario, 1, "losing the ack so the broker redelivers it", rule("lose-acks", "times", 1));
                case OUT_OF_ORDER_REDELIVERY ->
                    redelivery(
                            scenario,
                            2,
                            "redelivering the first after the second (ack lost)",
                            rule("lose-acks", "times", 1));
                case BATCH_REPLAY -> batchReplay(scenario);
                case REPUBLISHED_NEW_MESSAGE_ID -> republished(scenario);
                case CONCURRENT_INSTANCES -> twoInstances(scenario);
                case UNDECODABLE_BYTES -> poison(parts.samples().undecodable());
                case WRONG_SCHEMA -> poison(parts.samples().wrongShape());
                case NON_RETRYABLE -> nonRetryable();
                case RETRIES_EXHAUSTED -> persistentFailure();
                case TRANSIENT_RECOVERS -> transientRecovers();
                case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
                case CONSERVATION -> conservation();
                case SCHEMA_EVOLUTION ->
                    Outcome.skipped("the payload is not an Avro record: no registered writer versions to read.");
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

    private static Map<String, Object> rule(String type, String field, int value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put(field, value);
        return m;
    }

    // ---- idempotency ------------------------------------------------------------------------

    Effects baseline(int messages) throws Exception {
        Effects known = baselines.get(messages);
        if (known != null) {
            return known;
        }
        Observer.Mark mark = parts.observer().mark();
        for (int i = 0; i < messages; i++) {
            publish(parts.samples().good());
        }
        requireQuiet("the baseline run");
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
            publish(events.get(i));
        }
        requireQuiet("scenario '" + scenario.id() + "'");
        Outcome failed = duplicatesDeadLettered(events);
        return failed != null
                ? failed
                : compare(once, parts.observer().effectsSince(mark), plural(messages, "new event") + ", " + how);
    }

    private Outcome republished(Scenario scenario) throws Exception {
        Effects once = baseline(1);
        if (Observer.isEmpty(once)) {
            return unprovable();
        }
        Observer.Mark mark = parts.observer().mark();
        Samples.Encoded event = parts.samples().good();
        publish(event);
        requireQuiet("scenario '" + scenario.id() + "'");
        publish(event.withMessageId(Samples.ID_PREFIX + "republished-" + java.util.UUID.randomUUID()));
        requireQuiet("scenario '" + scenario.id() + "'");
        return compare(once, parts.observer().effectsSince(mark), "one event published twice with a new message id");
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
            publish(m);
        }
        requireQuiet("scenario '" + scenario.id() + "'");
        Observer.Mark beforeRestart = parts.observer().mark();
        parts.instances().restartPrimary();
        Observer.Mark afterRestart = parts.observer().mark();
        for (Samples.Encoded m : batch) {
            publish(m);
        }
        requireQuiet("scenario '" + scenario.id() + "' after the restart");
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
            publish(event);
            publish(event);
            requireQuiet("scenario '" + scenario.id() + "'");
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
                cleanUpAfter(new Fate(Fate.Kind.DEAD_LETTERED, 0, null, List.of()));
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

    Outcome compare(Effects once, Effects faulted, String how) {
        return compare(once, faulted, how, "");
    }

    private Outcome compare(Effects once, Effects faulted, String how, String fixFirst) {
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
        findings.add(new ContractSession.Finding(
                "effects-unobservable",
                "WARNING",
                observed + ", so the idempotency scenarios (a)-(f) could not judge it. Publish through the broker,"
                        + " point its HTTP client at ${eventcontracts.http.uri}, or name its state with"
                        + " eventcontracts.state.bean or eventcontracts.state.query (docs/service-mode.md,"
                        + " effects)."));
        return Outcome.skipped("UNPROVABLE (warning): " + observed + ", so idempotency was not judged.");
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
                    "set " + parts.setup().property("retry.enabled") + ": true with max-attempts of 2 or more,"
                            + " so a transient failure is retried before it is dead-lettered.");
        }
        return compare(once, parts.observer().effectsSince(mark), "one event whose first HTTP call got a 503");
    }

    /**
     * (j): a failure that persists — an event the listener's validation refuses every time, and,
     * when the listener publishes, the broker refusing every outgoing publish — must end
     * dead-lettered, never looped, dropped or acknowledged and lost.
     */
    private Outcome persistentFailure() throws Exception {
        Samples.Encoded poison = parts.samples().blank();
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        cleanUpAfter(fate);
        Outcome invalid = fate.kind() == Fate.Kind.ACCEPTED
                ? Outcome.skipped(parts.contract().displayName() + " accepted " + poison.kind()
                        + ", so no failure could be made to persist; validate the payload in the listener, or see"
                        + " docs/service-mode.md, limits.")
                : verdict(fate, poison.kind());
        Effects once = baseline(1);
        if (invalid.status() == ScenarioStatus.FAILED || once.messages().isEmpty()) {
            return invalid;
        }
        return publishFaults.persists(once);
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

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
