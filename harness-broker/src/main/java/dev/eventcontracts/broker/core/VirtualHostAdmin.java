package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.faults.Faults;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the admin API may see and do in one virtual host: snapshots of queues, exchanges, bindings,
 * connections, channels and the publish journal; peeking, taking and purging messages. Every
 * method must run on the virtual host's thread.
 */
public final class VirtualHostAdmin {
    private final VirtualHost vhost;
    private final Map<String, Exchange> exchanges;
    private final Map<String, MessageQueue> queues;
    private final Set<ClientConnection> connections;

    VirtualHostAdmin(
            VirtualHost vhost,
            Map<String, Exchange> exchanges,
            Map<String, MessageQueue> queues,
            Set<ClientConnection> connections) {
        this.vhost = vhost;
        this.exchanges = exchanges;
        this.queues = queues;
        this.connections = connections;
    }

    /** The virtual host's name. */
    public String name() {
        return vhost.name();
    }

    /** The memory alarm's state. */
    public Views.MemoryView memory() {
        MemoryAlarm m = vhost.memory();
        return new Views.MemoryView(
                m.used(), m.highWatermark(), m.isOn() && m.memoryAlarm(), m.isOn() && m.diskAlarm());
    }

    /**
     * Sets the memory high watermark of the running virtual host, as {@code rabbitmqctl
     * set_vm_memory_high_watermark} does (a restart goes back to the configured one, as RabbitMQ's
     * {@code stop_app}/{@code start_app} does).
     */
    public void memoryHighWatermark(long bytes) {
        vhost.memory().highWatermark(bytes);
    }

    /** Raises or clears an alarm by hand, as {@code rabbit_alarm:set_alarm/clear_alarm} on RabbitMQ. */
    public void raiseAlarm(MemoryAlarm.Resource resource, boolean raise) {
        vhost.memory().raised(resource, raise);
    }

    /**
     * Why the durable store stopped writing (naming the directory and the fix), or empty while it
     * is healthy or the broker keeps everything in memory.
     */
    public String storeFailure() {
        return vhost.store().writeFailure();
    }

    /** Every queue, sorted by name. */
    public List<Views.QueueView> queues() {
        return queues.values().stream()
                .map(MessageQueue::view)
                .sorted(Comparator.comparing(Views.QueueView::name))
                .toList();
    }

    /** One queue, or empty when it does not exist. */
    public Optional<Views.QueueView> queue(String name) {
        return Optional.ofNullable(queues.get(name)).map(MessageQueue::view);
    }

    /** Every exchange, sorted by name (the default exchange is {@code ""}). */
    public List<Views.ExchangeView> exchanges() {
        return exchanges.values().stream()
                .map(e -> new Views.ExchangeView(
                        e.name, e.type.wireName(), e.durable, e.autoDelete, e.internal, e.arguments))
                .sorted(Comparator.comparing(Views.ExchangeView::name))
                .toList();
    }

    /**
     * Every binding: first the implicit ones of the default exchange (one per queue), then the
     * declared ones sorted by source, destination and key.
     */
    public List<Views.BindingView> bindings() {
        List<Views.BindingView> out = new ArrayList<>();
        queues.keySet().stream().sorted().forEach(q -> out.add(new Views.BindingView("", q, "queue", q, Map.of())));
        List<Views.BindingView> declared = new ArrayList<>();
        for (Exchange e : exchanges.values()) {
            for (Binding b : e.bindings) {
                declared.add(new Views.BindingView(
                        b.source(),
                        b.destination(),
                        b.toExchange() ? "exchange" : "queue",
                        b.routingKey(),
                        b.arguments()));
            }
        }
        declared.sort(Comparator.comparing(Views.BindingView::source)
                .thenComparing(Views.BindingView::destination)
                .thenComparing(Views.BindingView::routingKey));
        out.addAll(declared);
        return out;
    }

    /** Open client connections, oldest first. */
    public List<Views.ConnectionView> connections() {
        return connections.stream().map(ClientConnection::view).toList();
    }

    /**
     * Closes the open connection named {@code name} (as {@link Views.ConnectionView#name()}) with
     * {@code 320 CONNECTION_FORCED - reason}; false when there is none.
     */
    public boolean closeConnection(String name, String reason) {
        for (ClientConnection c : List.copyOf(connections)) {
            if (c.name().equals(name)) {
                c.forceClose(reason);
                return true;
            }
        }
        return false;
    }

    /** The users' tags, as {@code rabbitmqctl set_user_tags} changes them. */
    public UserTags userTags() {
        return vhost.userTags();
    }

    /** Open channels of every connection. */
    public List<Views.ChannelView> channels() {
        List<Views.ChannelView> out = new ArrayList<>();
        for (ClientConnection c : connections) {
            out.addAll(c.channelViews());
        }
        return out;
    }

    /** Up to {@code count} ready messages from the head of a queue, left in place; empty if no such queue. */
    public Optional<List<Views.MessageView>> peek(String queue, int count) {
        MessageQueue q = queues.get(queue);
        if (q == null) {
            return Optional.empty();
        }
        return Optional.of(q.peek(count).stream().map(VirtualHostAdmin::view).toList());
    }

    /**
     * Removes up to {@code count} ready messages from the head of a queue and returns them; with
     * {@code deadLetter} they are rejected (dead-lettered with reason {@code rejected} when the
     * queue has a dead-letter exchange), otherwise acknowledged. Empty if no such queue.
     */
    public Optional<List<Views.MessageView>> take(String queue, int count, boolean deadLetter) {
        MessageQueue q = queues.get(queue);
        if (q == null) {
            return Optional.empty();
        }
        List<Views.MessageView> out = new ArrayList<>();
        QueueEntry e;
        while (out.size() < count && (e = q.fetch()) != null) {
            q.delivered(e);
            out.add(view(e));
            if (deadLetter) {
                q.reject(e);
            } else {
                q.settle(e);
            }
        }
        return Optional.of(out);
    }

    /**
     * Fetches up to {@code count} ready messages from the head of a queue and puts them back, as
     * RabbitMQ's management "Get messages" does with {@code ack_requeue_true} or {@code
     * reject_requeue_true}: each is a delivery (counted in {@code deliver_get}), and the requeued
     * message keeps its position but is now flagged {@code redelivered} (and, on queues that track
     * it, its delivery count grows, so the delivery limit applies). The returned views show the
     * messages as fetched. Empty if no such queue.
     */
    public Optional<List<Views.MessageView>> getRequeue(String queue, int count) {
        MessageQueue q = queues.get(queue);
        if (q == null) {
            return Optional.empty();
        }
        List<QueueEntry> fetched = new ArrayList<>();
        List<Views.MessageView> out = new ArrayList<>();
        QueueEntry e;
        while (fetched.size() < count && (e = q.fetch()) != null) {
            q.delivered(e);
            fetched.add(e);
            out.add(view(e));
        }
        for (QueueEntry f : fetched) {
            q.requeue(f, true);
        }
        q.dispatch();
        return Optional.of(out);
    }

    /** Purges a queue; the number of messages removed, or empty if no such queue. */
    public OptionalInt purge(String queue) {
        MessageQueue q = queues.get(queue);
        return q == null ? OptionalInt.empty() : OptionalInt.of(q.purge());
    }

    /** Journal records with a sequence greater than {@code after}, at most {@code limit}, oldest first. */
    public List<Views.PublishRecord> journal(long after, int limit) {
        return vhost.journal().since(after, limit);
    }

    /** The sequence of the newest journal record (0 before the first publish). */
    public long journalLastSequence() {
        return vhost.journal().lastSequence();
    }

    /** How many of the oldest journal records were discarded to bound its memory. */
    public long journalDropped() {
        return vhost.journal().dropped();
    }

    /**
     * Asks the broker to restart with its durable state (see {@code HarnessBroker.restart()}); the
     * restart runs after this call returns. False when the virtual host has no broker that can
     * restart it.
     */
    public boolean requestRestart(String reason) {
        return vhost.requestRestart(reason);
    }

    /** Activates a fault rule. */
    public Faults.ActiveFault addFault(FaultRule rule) {
        return vhost.faults().add(rule);
    }

    /** The active fault rules, oldest first. */
    public List<Faults.ActiveFault> faults() {
        return vhost.faults().active();
    }

    /** Ends a fault rule; false when no rule has that id. */
    public boolean removeFault(long id) {
        return vhost.faults().remove(id);
    }

    /** Ends every fault rule. */
    public void clearFaults() {
        vhost.faults().clear();
    }

    // ---- policies and definitions (docs/broker.md, Policies and Definitions) ----------------------

    /** Every policy, sorted by name. */
    public List<Policy> policies() {
        return vhost.policies().all();
    }

    /** Adds or replaces a policy and applies it at once; true when it is new. */
    public boolean setPolicy(Policy policy) {
        return vhost.setPolicy(policy);
    }

    /** Removes a policy; false when there is none of that name. */
    public boolean clearPolicy(String name) {
        return vhost.clearPolicy(name);
    }

    /** The name of the policy in force for a queue, or empty (also for an unknown queue). */
    public Optional<String> queuePolicy(String queue) {
        MessageQueue q = queues.get(queue);
        return q == null ? Optional.empty() : Optional.ofNullable(q.policyName());
    }

    /**
     * Declares an exchange as a client would (the same checks and RabbitMQ texts).
     *
     * @throws AmqpException when RabbitMQ would refuse it, e.g. 406 for an inequivalent redeclare
     */
    public void declareExchange(
            String name, String type, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        vhost.topology().declareExchange(name, type, false, durable, autoDelete, internal, args);
    }

    /**
     * Declares a non-exclusive queue as a client would.
     *
     * @throws AmqpException when RabbitMQ would refuse it, e.g. 406 for an invalid argument
     */
    public void declareQueue(String name, boolean durable, boolean autoDelete, Map<String, Object> args) {
        vhost.topology().declareQueue(name, false, false, durable, false, autoDelete, args, null);
    }

    /**
     * Binds a queue ({@code toExchange=false}) or an exchange to a source exchange.
     *
     * @throws AmqpException 404 when an end does not exist
     */
    public void bind(String source, String destination, boolean toExchange, String key, Map<String, Object> args) {
        vhost.topology().bind(source, destination, toExchange, key, args, null);
    }

    /**
     * Grants a user permissions in this virtual host (three regular expressions, see {@link
     * VirtualHost#grant}).
     */
    public void grant(String user, String configure, String write, String read) {
        vhost.grant(user, configure, write, read);
    }

    private static Views.MessageView view(QueueEntry e) {
        return new Views.MessageView(
                e.message().exchange(),
                e.message().routingKey(),
                e.redelivered(),
                e.deliveryCount(),
                e.message().properties(),
                e.message().body());
    }
}
