package dev.eventcontracts.spring.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.amqp.core.AcknowledgeMode;

/**
 * Watches one listener's queue at the broker: waits until the service has settled what a scenario
 * published, collects the effects (the service's own publishes from the broker's journal, the
 * requests the HTTP stub answered) and judges where a poison message ended.
 */
public final class Observer {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(120);

    private final BrokerAdmin admin;
    private final HttpStub stub;
    private final ListenerSetup setup;
    private final Duration timeout;
    private final int loopBound;
    private long journalSeen;

    /**
     * @param timeout how long a scenario waits for its messages to settle
     * @param loopBound deliveries of one message after which it counts as requeued forever
     */
    public Observer(BrokerAdmin admin, HttpStub stub, ListenerSetup setup, Duration timeout, int loopBound) {
        this.admin = admin;
        this.stub = stub;
        this.setup = setup;
        this.timeout = timeout;
        this.loopBound = loopBound;
    }

    /** Where the counters stood before a scenario published. */
    public record Mark(long journal, int http, BrokerAdmin.QueueState queue) {}

    /** The state now. */
    public Mark mark() {
        return new Mark(journalEnd(), stub.calls().size(), queue());
    }

    private BrokerAdmin.QueueState queue() {
        return admin.queue(setup.queue())
                .orElseThrow(() -> new IllegalStateException("Queue '" + setup.queue()
                        + "' does not exist at the broker although the service's listener reads it."));
    }

    /**
     * The effects since {@code mark}: {@code publish <exchange>/<routingKey>} and {@code http
     * <METHOD>} with their counts, sorted.
     */
    public Map<String, Integer> effectsSince(Mark mark) {
        return effectsBetween(mark, null);
    }

    /** The effects after {@code from} up to {@code to} (null: up to now). */
    public Map<String, Integer> effectsBetween(Mark from, Mark to) {
        Mark mark = from;
        Map<String, Integer> effects = new TreeMap<>();
        for (BrokerAdmin.Publish p : admin.journal(mark.journal())) {
            if (to != null && p.sequence() > to.journal()) {
                break;
            }
            if (p.messageId() != null && p.messageId().startsWith(Samples.ID_PREFIX)) {
                continue; // our samples, or a recoverer republishing one of them
            }
            String exchange = p.exchange().isEmpty() ? "(default)" : p.exchange();
            effects.merge("publish " + exchange + "/" + p.routingKey(), 1, Integer::sum);
        }
        List<HttpStub.Call> calls = stub.calls();
        int end = to == null ? calls.size() : Math.min(to.http(), calls.size());
        for (HttpStub.Call c : calls.subList(Math.min(mark.http(), end), end)) {
            effects.merge("http " + c.method(), 1, Integer::sum);
        }
        return effects;
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
