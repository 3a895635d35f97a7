package dev.eventcontracts.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.effects.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Watches one listener's queue at the broker: waits until the service has settled what a scenario
 * published, collects the effects (the service's own publishes from the broker's journal with
 * their bodies, the requests the HTTP stub answered, the state the service names) and judges where
 * a poison message ended.
 */
public final class Observer {

    /** Property of the service: dotted paths removed from published bodies and state before comparing. */
    public static final String IGNORE_PATHS_PROPERTY = "eventcontracts.effects.ignore-paths";

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(120);

    private final BrokerAdmin admin;
    private final HttpStub stub;
    private final ListenerSetup setup;
    private final Duration timeout;
    private final int loopBound;
    private final StateProbe state;
    private final SampleTemplates templates = new SampleTemplates();
    private final Normalizer normalizer;
    private long journalSeen;

    /**
     * @param service the primary instance's context now, for the named state
     * @param timeout how long a scenario waits for its messages to settle
     * @param loopBound deliveries of one message after which it counts as requeued forever
     */
    public Observer(
            BrokerAdmin admin,
            HttpStub stub,
            ListenerSetup setup,
            Supplier<ConfigurableApplicationContext> service,
            Duration timeout,
            int loopBound) {
        this.state = new StateProbe(service);
        String ignored = service.get().getEnvironment().getProperty(IGNORE_PATHS_PROPERTY, "");
        this.normalizer = new Normalizer(
                new ObjectMapper(),
                java.util.Arrays.stream(ignored.split(","))
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .toList());
        this.admin = admin;
        this.stub = stub;
        this.setup = setup;
        this.timeout = timeout;
        this.loopBound = loopBound;
    }

    /** Where the counters and the named state stood before a scenario published. */
    public record Mark(long journal, int http, BrokerAdmin.QueueState queue, JsonNode state) {}

    /** The state now. */
    public Mark mark() {
        return new Mark(journalEnd(), stub.calls().size(), queue(), stateNow());
    }

    private BrokerAdmin.QueueState queue() {
        return admin.queue(setup.queue())
                .orElseThrow(() -> new IllegalStateException("Queue '" + setup.queue()
                        + "' does not exist at the broker although the service's listener reads it."));
    }

    /** Learns the values of a published good sample, so effects compare by body across samples. */
    public void learnSample(Samples.Encoded sample) {
        if (sample.values() != null) {
            templates.learn(sample.values());
        } else {
            templates.learn(sample.body());
        }
    }

    /** Whether the service names its state (docs/service-mode.md, effects). */
    public boolean stateConfigured() {
        return state.configured();
    }

    /** The words for "no state change", as the unobservable finding says it. */
    public String stateDescription() {
        return state.describe();
    }

    /**
     * The effects since {@code mark}: every message published on any connection (not the samples,
     * nor a recoverer's republish of one) with its normalized body, every request the HTTP stub
     * answered, and how the named state changed.
     */
    public Effects effectsSince(Mark mark) {
        return effectsBetween(mark, null);
    }

    /** The effects after {@code from} up to {@code to} (null: up to now). */
    public Effects effectsBetween(Mark from, Mark to) {
        JsonNode end = to == null ? stateNow() : to.state();
        return new Effects(messages(from, to), calls(from, to), delta(from.state(), end));
    }

    /**
     * The effects after {@code from}, leaving out what happened between {@code gapStart} and
     * {@code gapEnd} (a restart): messages and requests of both sides, the state change over all.
     */
    public Effects effectsAround(Mark from, Mark gapStart, Mark gapEnd) {
        List<Effects.Message> messages = new ArrayList<>(messages(from, gapStart));
        messages.addAll(messages(gapEnd, null));
        List<Effects.HttpCall> calls = new ArrayList<>(calls(from, gapStart));
        calls.addAll(calls(gapEnd, null));
        return new Effects(messages, calls, delta(from.state(), stateNow()));
    }

    /** The service's publishes since {@code mark} that a publish fault rule stopped. */
    public List<BrokerAdmin.Publish> faultedSince(Mark mark) {
        return admin.journal(mark.journal()).stream()
                .filter(BrokerAdmin.Publish::faulted)
                .toList();
    }

    /** Whether a run's effects show nothing at all. */
    public static boolean isEmpty(Effects e) {
        return e.messages().isEmpty()
                && e.http().isEmpty()
                && (e.state().isNull() || e.state().isEmpty());
    }

    private List<Effects.Message> messages(Mark from, Mark to) {
        List<Effects.Message> out = new ArrayList<>();
        for (BrokerAdmin.Publish p : admin.journal(from.journal())) {
            if (to != null && p.sequence() > to.journal()) {
                break;
            }
            if (p.messageId() != null && p.messageId().startsWith(Samples.ID_PREFIX)) {
                continue; // our samples, or a recoverer republishing one of them
            }
            if (p.faulted()) {
                continue; // stopped by a publish fault rule: it never arrived
            }
            String body = p.body() == null ? "<" + p.bodySize() + " bytes>" : normalize(normalizer.body(p.body()));
            out.add(new Effects.Message(p.exchange().isEmpty() ? "(default)" : p.exchange(), p.routingKey(), body));
        }
        return out;
    }

    private List<Effects.HttpCall> calls(Mark from, Mark to) {
        List<HttpStub.Call> calls = stub.calls();
        int end = to == null ? calls.size() : Math.min(to.http(), calls.size());
        List<Effects.HttpCall> out = new ArrayList<>();
        for (HttpStub.Call c : calls.subList(Math.min(from.http(), end), end)) {
            out.add(new Effects.HttpCall(
                    c.method(),
                    normalize(c.path()),
                    normalize(normalizer.body(c.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        }
        return out;
    }

    /** Sample values become their paths; ids and timestamps the service made become placeholders. */
    private String normalize(String text) {
        String t = templates.apply(text);
        t = UUID.matcher(t).replaceAll("<uuid>");
        return TIMESTAMP.matcher(t).replaceAll("<timestamp>");
    }

    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?");

    private JsonNode stateNow() {
        Object snapshot = state.snapshot();
        return snapshot == null ? NullNode.getInstance() : normalizer.state(snapshot);
    }

    /** How the state changed: added and removed elements or entries, sorted, normalized; null without state. */
    private JsonNode delta(JsonNode before, JsonNode after) {
        if ((before == null || before.isNull()) && (after == null || after.isNull())) {
            return NullNode.getInstance();
        }
        List<String> changes = new ArrayList<>();
        if (before != null && after != null && before.isArray() && after.isArray()) {
            List<String> was = new ArrayList<>();
            before.forEach(n -> was.add(n.toString()));
            List<String> now = new ArrayList<>();
            after.forEach(n -> now.add(n.toString()));
            List<String> removed = new ArrayList<>(was);
            now.forEach(removed::remove);
            List<String> added = new ArrayList<>(now);
            was.forEach(added::remove);
            added.forEach(a -> changes.add("+ " + normalize(a)));
            removed.forEach(r -> changes.add("- " + normalize(r)));
        } else if (before != null && after != null && before.isObject() && after.isObject()) {
            after.fields().forEachRemaining(f -> {
                JsonNode old = before.get(f.getKey());
                if (old == null || !old.equals(f.getValue())) {
                    changes.add("+ " + normalize(f.getKey()) + "="
                            + normalize(f.getValue().toString()));
                }
            });
            before.fieldNames().forEachRemaining(k -> {
                if (!after.has(k)) {
                    changes.add("- " + normalize(k));
                }
            });
        } else if (!java.util.Objects.equals(before, after)) {
            changes.add("= " + normalize(String.valueOf(after)));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        changes.stream().sorted().forEach(out::add);
        return out;
    }

    /**
     * Waits until the queue is empty and nothing changed for a moment: the service is done with
     * what was published.
     *
     * @return false when that did not happen within the timeout
     */
    public boolean awaitQuiet() {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            BrokerAdmin.QueueState q = queue();
            String now = q.messages() + "/" + q.delivered() + "/" + q.acked() + "/" + journalEnd() + "/"
                    + stub.calls().size();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (q.messages() == 0 && System.nanoTime() - stableSince >= QUIET_NANOS) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return false;
    }

    private long journalEnd() {
        journalSeen = admin.journalEnd(journalSeen);
        return journalSeen;
    }

    /**
     * Waits until the service settled {@code messages} messages published after {@code mark}, as
     * {@link #awaitQuiet()}; false at once when they passed the loop bound (something is requeued
     * forever) or at the timeout.
     */
    public boolean awaitQuietUnlessLooping(Mark mark, int messages) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (deliveriesSince(mark) > loopBound + messages) {
                return false;
            }
            if (awaitQuietBriefly()) {
                return true;
            }
        }
        return false;
    }

    /** The message ids in every queue but the listener's (the dead-letter queues) now. */
    public java.util.Set<String> deadLetteredIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (BrokerAdmin.QueueState q : admin.queues()) {
            if (q.name().equals(setup.queue()) || q.ready() == 0) {
                continue;
            }
            for (BrokerAdmin.QueuedMessage m : admin.peek(q.name(), 1000)) {
                if (m.messageId() != null) {
                    ids.add(m.messageId());
                }
            }
        }
        return ids;
    }

    /** Deliveries from the queue since {@code mark}. */
    public long deliveriesSince(Mark mark) {
        return queue().delivered() - mark.queue().delivered();
    }

    /** Acks on the queue since {@code mark}. */
    public long acksSince(Mark mark) {
        return queue().acked() - mark.queue().acked();
    }

    /** Where the message with id {@code messageId}, published after {@code mark}, ended. */
    public Fate awaitFate(Mark mark, String messageId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long deliveries = deliveriesSince(mark);
            if (deliveries > loopBound) {
                return new Fate(Fate.Kind.REQUEUED_FOREVER, deliveries, null, List.of());
            }
            if (awaitQuietBriefly()) {
                return settled(mark, messageId);
            }
        }
        long deliveries = deliveriesSince(mark);
        Optional<Fate> copy = deadLettered(messageId, deliveries);
        if (copy.isPresent()) {
            return copy.get();
        }
        return new Fate(deliveries > 1 ? Fate.Kind.REQUEUED_FOREVER : Fate.Kind.UNSETTLED, deliveries, null, List.of());
    }

    private boolean awaitQuietBriefly() {
        BrokerAdmin.QueueState before = queue();
        long until = System.nanoTime() + QUIET_NANOS;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(POLL_NANOS);
            BrokerAdmin.QueueState q = queue();
            if (q.messages() != 0 || q.delivered() != before.delivered() || q.acked() != before.acked()) {
                return false;
            }
        }
        return before.messages() == 0;
    }

    private Fate settled(Mark mark, String messageId) {
        long deliveries = deliveriesSince(mark);
        Optional<Fate> copy = deadLettered(messageId, deliveries);
        if (copy.isPresent()) {
            return copy.get();
        }
        if (setup.acknowledgeMode() == AcknowledgeMode.NONE) {
            return new Fate(Fate.Kind.ACKED_AND_LOST, deliveries, null, List.of());
        }
        if (acksSince(mark) > 0) {
            return new Fate(Fate.Kind.ACCEPTED, deliveries, null, List.of());
        }
        Optional<String> dlx = queue().argument("x-dead-letter-exchange");
        if (dlx.isEmpty()) {
            return new Fate(Fate.Kind.DROPPED_NO_DEAD_LETTER_EXCHANGE, deliveries, null, List.of());
        }
        if (!admin.exchangeExists(dlx.get())) {
            return new Fate(Fate.Kind.DROPPED_DEAD_LETTER_EXCHANGE_MISSING, deliveries, null, List.of());
        }
        return new Fate(Fate.Kind.DROPPED_UNROUTED, deliveries, null, List.of());
    }

    /** Whether a copy of the message is in a dead-letter queue now. */
    public boolean isDeadLettered(String messageId) {
        return deadLettered(messageId, 0).isPresent();
    }

    private Optional<Fate> deadLettered(String messageId, long deliveries) {
        for (BrokerAdmin.QueueState q : admin.queues()) {
            if (q.name().equals(setup.queue()) || q.ready() == 0) {
                continue;
            }
            for (BrokerAdmin.QueuedMessage m : admin.peek(q.name(), 1000)) {
                if (messageId.equals(m.messageId())) {
                    return Optional.of(new Fate(Fate.Kind.DEAD_LETTERED, deliveries, q.name(), m.deaths()));
                }
            }
        }
        return Optional.empty();
    }
}
