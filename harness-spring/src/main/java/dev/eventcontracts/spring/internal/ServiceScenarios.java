package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
            HttpStub stub,
            Runnable restartListeners) {}

    private final Parts parts;
    private final Map<Integer, Map<String, Integer>> baselines = new HashMap<>();

    /** Scenarios over {@code parts}. */
    public ServiceScenarios(Parts parts) {
        this.parts = parts;
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
                case BATCH_REPLAY ->
                    redelivery(
                            scenario,
                            2,
                            "closing the listener's channel after both were delivered (the consumer restarts and"
                                    + " the batch is redelivered)",
                            rule("close-channel-after", "deliveries", 2));
                case REPUBLISHED_NEW_MESSAGE_ID -> republished(scenario);
                case CONCURRENT_INSTANCES ->
                    Outcome.skipped("two service instances on one durable state are not run in service mode yet"
                            + " (docs/service-mode.md, limits).");
                case UNDECODABLE_BYTES -> poison(parts.samples().undecodable());
                case WRONG_SCHEMA -> poison(parts.samples().wrongShape());
                case NON_RETRYABLE ->
                    Outcome.skipped("service mode has no business-invalid sample for "
                            + parts.contract().displayName() + " (docs/service-mode.md, limits).");
                case RETRIES_EXHAUSTED -> persistentFailure();
                case TRANSIENT_RECOVERS -> transientRecovers();
                case NO_HEAD_OF_LINE_BLOCKING -> headOfLine();
                case CONSERVATION -> conservation();
                case SCHEMA_EVOLUTION ->
                    Outcome.skipped("the payload is not an Avro record: no registered writer versions to read.");
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

    private record Outcome(ScenarioStatus status, String message, String fix) {
        static Outcome passed() {
            return new Outcome(ScenarioStatus.PASSED, null, null);
        }

        static Outcome skipped(String why) {
            return new Outcome(ScenarioStatus.SKIPPED, why, null);
        }
    }

    private static Map<String, Object> rule(String type, String field, int value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put(field, value);
        return m;
    }

    // ---- idempotency ------------------------------------------------------------------------

    private Map<String, Integer> baseline(int messages) throws Exception {
        Map<String, Integer> known = baselines.get(messages);
        if (known != null) {
            return known;
        }
        Observer.Mark mark = parts.observer().mark();
        for (int i = 0; i < messages; i++) {
            publish(parts.samples().good());
        }
        requireQuiet("the baseline run");
        Map<String, Integer> effects = parts.observer().effectsSince(mark);
        baselines.put(messages, effects);
        return effects;
    }

    private Outcome redelivery(Scenario scenario, int messages, String how, Map<String, Object> rule) throws Exception {
        Map<String, Integer> once = baseline(messages);
        if (once.isEmpty()) {
            return unprovable();
        }
        Map<String, Object> fault = new LinkedHashMap<>(rule);
        fault.put("queue", parts.setup().queue());
        parts.admin().addFault(fault);
        Observer.Mark mark = parts.observer().mark();
        for (int i = 0; i < messages; i++) {
            publish(parts.samples().good());
        }
        requireQuiet("scenario '" + scenario.id() + "'");
        return compare(once, parts.observer().effectsSince(mark), plural(messages, "new event") + ", " + how);
    }

    private Outcome republished(Scenario scenario) throws Exception {
        Map<String, Integer> once = baseline(1);
        if (once.isEmpty()) {
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

    private Outcome compare(Map<String, Integer> once, Map<String, Integer> faulted, String how) {
        if (Objects.equals(once, faulted)) {
            return Outcome.passed();
        }
        String name = parts.contract().displayName();
        return new Outcome(
                ScenarioStatus.FAILED,
                name + " is not idempotent: one delivery of a new event had the effects " + once + ", " + how + " had "
                        + faulted + ".",
                "make the listener's effects happen once per event: publish the outgoing message only when"
                        + " the state change took effect (deduplicate on the event's id in the same transaction,"
                        + " or an outbox), and call HTTP services with an idempotency key.");
    }

    private Outcome unprovable() {
        return Outcome.skipped("UNPROVABLE (warning): " + parts.contract().displayName()
                + " had no observable effect on a delivery (it published no message and called no HTTP"
                + " endpoint), so its idempotency cannot be judged. Publish or call something observable, or"
                + " point its HTTP client at ${eventcontracts.http.uri} (docs/service-mode.md, effects).");
    }

    // ---- dead letters -----------------------------------------------------------------------

    private Outcome poison(Samples.Encoded poison) throws Exception {
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        cleanUpAfter(fate);
        return verdict(fate, poison.kind());
    }

    private Outcome transientRecovers() throws Exception {
        Map<String, Integer> once = baseline(1);
        if (once.keySet().stream().noneMatch(k -> k.startsWith("http "))) {
            return Outcome.skipped(parts.contract().displayName() + " called no HTTP endpoint on a delivery, so no"
                    + " downstream failure could be injected; point its HTTP client at ${eventcontracts.http.uri}"
                    + " (docs/service-mode.md, effects).");
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

    private Outcome persistentFailure() throws Exception {
        Samples.Encoded poison = parts.samples().blank();
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        cleanUpAfter(fate);
        if (fate.kind() == Fate.Kind.ACCEPTED) {
            return Outcome.skipped(parts.contract().displayName() + " accepted " + poison.kind()
                    + ", so no failure could be made to persist; validate the payload in the listener, or see"
                    + " docs/service-mode.md, limits.");
        }
        return verdict(fate, poison.kind());
    }

    private Outcome verdict(Fate fate, String what) {
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

    private void cleanUpAfter(Fate fate) throws Exception {
        if (fate.kind() == Fate.Kind.REQUEUED_FOREVER || fate.kind() == Fate.Kind.UNSETTLED) {
            parts.restartListeners().run();
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
        Map<String, Integer> once = baseline(1);
        Observer.Mark mark = parts.observer().mark();
        publish(poison);
        publish(good);
        Fate fate = parts.observer().awaitFate(mark, poison.messageId());
        Map<String, Integer> effects = parts.observer().effectsSince(mark);
        long acks = parts.observer().acksSince(mark);
        cleanUpAfter(fate);
        boolean processed = once.isEmpty() ? acks >= 1 : effects.entrySet().containsAll(once.entrySet());
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
        List<Samples.Encoded> poisons = List.of(
                parts.samples().undecodable(),
                parts.samples().wrongShape(),
                parts.samples().blank());
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

    private void publish(Samples.Encoded m) throws Exception {
        parts.publisher().publish(parts.setup().queue(), m);
    }

    private void requireQuiet(String what) {
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
