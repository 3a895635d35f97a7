package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.core.policies.ApplyTo;
import dev.eventcontracts.broker.core.policies.Policies;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One virtual host: exchanges, queues, bindings and the routing and dead-lettering between them.
 * Every method must be called on {@link #executor()}'s single thread, which serializes all state
 * changes of the virtual host without locks.
 */
public final class VirtualHost {
    private final String name;
    private final ScheduledExecutorService executor;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMillis;
    private final MessageStore store;
    private final Random random;
    private final Map<String, Exchange> exchanges = new HashMap<>();
    private final Map<String, MessageQueue> queues = new HashMap<>();
    private final Topology topology;
    private final Policies policies;
    private PublishJournal journal;
    private final FaultInjector faults;
    private final AccessControl access;
    private final MemoryAlarm memory;
    private final java.util.LinkedHashSet<ClientConnection> connections = new java.util.LinkedHashSet<>();
    private long connectionIds;
    private java.util.function.Consumer<String> restartHook;
    private boolean stopped;
    private UserTags userTags = new UserTags();
    private final DirectReplyTo directReplyTo = new DirectReplyTo();

    /**
     * A virtual host.
     *
     * @param name its name, e.g. {@code /}
     * @param executor the single thread all its state changes run on
     * @param nanoClock monotonic nanoseconds for TTLs and leases
     * @param wallClockMillis wall-clock milliseconds for {@code x-death} times
     * @param store where queues keep their messages
     * @param random source of server-generated names
     */
    public VirtualHost(
            String name,
            ScheduledExecutorService executor,
            LongSupplier nanoClock,
            LongSupplier wallClockMillis,
            MessageStore store,
            Random random) {
        this(name, executor, nanoClock, wallClockMillis, store, random, new Policies());
    }

    /**
     * A virtual host whose policies are already in force for the topology the store recovers
     * (a restart passes the previous virtual host's {@link #policies()}).
     *
     * @param policies the policies, owned by this virtual host's thread from now on
     */
    public VirtualHost(
            String name,
            ScheduledExecutorService executor,
            LongSupplier nanoClock,
            LongSupplier wallClockMillis,
            MessageStore store,
            Random random,
            Policies policies) {
        this.name = name;
        this.policies = policies;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.wallClockMillis = wallClockMillis;
        this.store = store;
        this.random = random;
        this.topology = new Topology(this, exchanges, queues);
        this.journal = new PublishJournal(wallClockMillis);
        this.faults = new FaultInjector(this, wallClockMillis);
        this.access = new AccessControl(name);
        this.memory = new MemoryAlarm(executor);
        exchanges.put("", new Exchange("", ExchangeType.DIRECT, true, false, false, Map.of()));
        for (ExchangeType t : ExchangeType.values()) {
            String n = "amq." + t.wireName();
            exchanges.put(n, new Exchange(n, t, true, false, false, Map.of()));
        }
        exchanges.put("amq.match", new Exchange("amq.match", ExchangeType.HEADERS, true, false, false, Map.of()));
        for (MessageStore.PolicyDef d : store.recoveredPolicies()) {
            if (policies.get(d.name()).isEmpty()) { // policies given by the broker win over recovered ones
                policies.put(new Policy(
                        d.name(), d.pattern(), ApplyTo.fromWireName(d.applyTo()), d.priority(), d.definition()));
            }
        }
        topology.restore(store.recovered());
    }

    /** The policies of this virtual host (read them on its thread; change them with {@link #setPolicy}). */
    public Policies policies() {
        return policies;
    }

    /**
     * Adds or replaces a policy and applies it at once to every queue and exchange, as RabbitMQ
     * does; the policy is kept in the store (see docs/broker.md, Policies).
     *
     * @return true when the policy is new, false when it replaced one of the same name
     */
    public boolean setPolicy(Policy policy) {
        boolean created = policies.put(policy);
        policiesChanged();
        return created;
    }

    /** Removes a policy and re-applies what remains in force; false when there is none of that name. */
    public boolean clearPolicy(String policyName) {
        if (policies.remove(policyName).isEmpty()) {
            return false;
        }
        policiesChanged();
        return true;
    }

    private void policiesChanged() {
        store.policiesChanged(policies.all().stream()
                .map(p -> new MessageStore.PolicyDef(
                        p.name(), p.pattern(), p.applyTo().wireName(), p.priority(), p.definition()))
                .toList());
        for (Exchange e : exchanges.values()) {
            if (!e.isDefault()) {
                e.applyPolicy(policies.forExchange(e.name).orElse(null));
            }
        }
        for (MessageQueue q : new ArrayList<>(queues.values())) {
            if (!q.isDeleted()) {
                q.applyPolicy(policies.forQueue(q.name).orElse(null));
            }
        }
    }

    /** The name of the virtual host. */
    public String name() {
        return name;
    }

    /** The thread its state lives on. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** A new client connection to this virtual host, named e.g. {@code 127.0.0.1:50312 -> 127.0.0.1:5672}. */
    public ClientConnection connect(String user, boolean consumerCancelNotify, String connectionName) {
        ClientConnection c = new ClientConnection(
                this, ++connectionIds, connectionName, user, wallClockMillis.getAsLong(), consumerCancelNotify);
        connections.add(c);
        return c;
    }

    /**
     * Grants {@code user} RabbitMQ-style permissions: regexes that configure (declare, delete),
     * write (publish, bind to a queue) and read (consume, get, purge, bind from an exchange)
     * resource names must match. Call before clients connect. Once any user is granted, users
     * without a grant are refused every operation.
     *
     * @throws IllegalArgumentException when a regex is invalid
     */
    public void grant(String user, String configure, String write, String read) {
        access.grant(user, configure, write, read);
    }

    /**
     * The memory alarm: bytes held by the queues against the high watermark set with {@link
     * MemoryAlarm#highWatermark(long)} (off by default). Connections subscribe to it for flow control.
     */
    public MemoryAlarm memory() {
        return memory;
    }

    AccessControl access() {
        return access;
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    void disconnected(ClientConnection c) {
        connections.remove(c);
    }

    PublishJournal journal() {
        return journal;
    }

    FaultInjector faults() {
        return faults;
    }

    /** Inspection and administration of this virtual host, for the admin API (same thread rule). */
    public VirtualHostAdmin admin() {
        return new VirtualHostAdmin(this, exchanges, queues, connections);
    }

    /** Number of queues (for diagnostics and tests). */
    public int queueCount() {
        return queues.size();
    }

    Topology topology() {
        return topology;
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return executor.schedule(
                () -> {
                    if (!stopped) {
                        task.run();
                    }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
    }

    // ---- restart -------------------------------------------------------------------------------

    /**
     * Lets fault rules and the admin API ask for a broker restart: {@code hook} receives the reason
     * and must not block this thread (the restart itself runs elsewhere).
     */
    public void onRestartRequest(java.util.function.Consumer<String> hook) {
        this.restartHook = hook;
    }

    boolean canRestart() {
        return restartHook != null;
    }

    /** Asks the broker around this virtual host to restart; false when there is none. */
    boolean requestRestart(String reason) {
        if (restartHook == null || stopped) {
            return false;
        }
        restartHook.accept(reason);
        return true;
    }

    /**
     * Stops this virtual host for a restart, after its client connections were closed: ends every
     * fault rule and turns its pending timers (TTL, {@code x-expires}, delayed deliveries) into
     * no-ops, so nothing touches its store any more.
     */
    public void shutDown() {
        faults.clear();
        stopped = true;
    }

    /**
     * Continues the publish journal of {@code previous} (a virtual host that was shut down for a
     * restart), so the admin API's journal spans restarts. Call before clients connect.
     */
    public void continueJournalOf(VirtualHost previous) {
        this.journal = previous.journal;
        this.userTags = previous.userTags; // user tags are broker configuration, kept like the journal
    }

    DirectReplyTo directReplyTo() {
        return directReplyTo;
    }

    /** The users' tags ({@code set_user_tags}). */
    public UserTags userTags() {
        return userTags;
    }

    /**
     * What a RabbitMQ node would recover of this virtual host at restart: durable exchanges
     * (except the predeclared ones), durable non-exclusive queues, bindings between durable ends,
     * and the persistent ready messages of those queues in queue order. Call after every client
     * connection was closed, so that unacked messages are back in their queues.
     */
    public DurableState durableState() {
        List<MessageStore.ExchangeDef> exs = new ArrayList<>();
        List<MessageStore.BindingDef> bindings = new ArrayList<>();
        List<MessageStore.QueueDef> qs = new ArrayList<>();
        Map<String, List<QueueEntry>> messages = new HashMap<>();
        for (Exchange e : exchanges.values()) {
            if (!e.durable || e.isDefault()) {
                continue;
            }
            if (!e.name.startsWith("amq.")) {
                exs.add(new MessageStore.ExchangeDef(e.name, e.type.wireName(), e.autoDelete, e.internal, e.arguments));
            }
            for (Binding b : e.bindings) {
                if (durableEnd(b.destination(), b.toExchange())) {
                    bindings.add(new MessageStore.BindingDef(
                            b.source(), b.destination(), b.toExchange(), b.routingKey(), b.arguments()));
                }
            }
        }
        for (MessageQueue q : queues.values()) {
            if (!q.durable || q.exclusive || q.isDeleted()) {
                continue;
            }
            qs.add(new MessageStore.QueueDef(q.name, q.autoDelete, q.arguments));
            List<QueueEntry> persistent = new ArrayList<>();
            for (QueueEntry entry : q.peek(Integer.MAX_VALUE)) {
                if (Integer.valueOf(2).equals(entry.message().properties().deliveryMode())) {
                    persistent.add(entry);
                }
            }
            messages.put(q.name, persistent);
        }
        return new DurableState(new MessageStore.Topology(exs, qs, bindings), messages);
    }

    private boolean durableEnd(String destination, boolean toExchange) {
        if (toExchange) {
            Exchange e = exchanges.get(destination);
            return e != null && e.durable;
        }
        MessageQueue q = queues.get(destination);
        return q != null && q.durable && !q.exclusive && !q.isDeleted();
    }

    /**
     * Durable state carried over a restart without a data directory: the topology and each durable
     * queue's persistent messages in queue order.
     */
    public record DurableState(MessageStore.Topology topology, Map<String, List<QueueEntry>> messages) {}

    MessageStore store() {
        return store;
    }

    String generateName(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Exchange exchange(String exchangeName) {
        return exchanges.get(exchangeName);
    }

    MessageQueue queue(String queueName) {
        return queues.get(queueName);
    }

    void deleteQueue(MessageQueue q) {
        topology.removeQueue(q);
    }

    /** Result of routing one publish. */
    record Routed(List<String> queues, boolean rejected, boolean persisted) {}

    Routed publish(Exchange exchange, Message message) {
        Set<MessageQueue> targets =
                route(exchange, routingKeys(message), message.properties().headers());
        boolean rejected = false;
        boolean persistent = Integer.valueOf(2).equals(message.properties().deliveryMode());
        boolean persisted = false;
        List<String> names = new ArrayList<>(targets.size());
        for (MessageQueue q : targets) {
            names.add(q.name);
            persisted |= persistent && q.durable && !q.exclusive;
            if (q.enqueue(message) == MessageQueue.Accepted.REJECTED) {
                rejected = true;
            }
        }
        return new Routed(names, rejected, persisted);
    }

    private static List<String> routingKeys(Message m) {
        if (m.ccKeys().isEmpty() && m.bccKeys().isEmpty()) {
            return List.of(m.routingKey());
        }
        List<String> keys = new ArrayList<>(1 + m.ccKeys().size() + m.bccKeys().size());
        keys.add(m.routingKey());
        keys.addAll(m.ccKeys());
        keys.addAll(m.bccKeys());
        return keys;
    }

    Set<MessageQueue> route(Exchange exchange, List<String> keys, Map<String, Object> headers) {
        Set<MessageQueue> out = new LinkedHashSet<>();
        route(exchange, keys, headers, out, new java.util.HashSet<>());
        return out;
    }

    private boolean route(
            Exchange ex, List<String> keys, Map<String, Object> headers, Set<MessageQueue> out, Set<String> visited) {
        if (!visited.add(ex.name)) {
            return false;
        }
        boolean routed = false;
        if (ex.isDefault()) {
            for (String k : keys) {
                MessageQueue q = queues.get(k);
                if (q != null) {
                    out.add(q);
                    routed = true;
                }
            }
        } else {
            for (Binding b : ex.bindings) {
                if (!matchesAny(ex.type, b, keys, headers)) {
                    continue;
                }
                if (b.toExchange()) {
                    Exchange dest = exchanges.get(b.destination());
                    if (dest != null && route(dest, keys, headers, out, visited)) {
                        routed = true;
                    }
                } else {
                    MessageQueue q = queues.get(b.destination());
                    if (q != null) {
                        out.add(q);
                        routed = true;
                    }
                }
            }
        }
        if (!routed && ex.alternateExchange != null) {
            Exchange ae = exchanges.get(ex.alternateExchange);
            if (ae != null) {
                routed = route(ae, keys, headers, out, visited);
            }
        }
        return routed;
    }

    private static boolean matchesAny(ExchangeType type, Binding b, List<String> keys, Map<String, Object> headers) {
        if (type == ExchangeType.HEADERS || type == ExchangeType.FANOUT) {
            return type.matches(b, "", headers);
        }
        for (String k : keys) {
            if (type.matches(b, k, headers)) {
                return true;
            }
        }
        return false;
    }

    /** Dead-letters an entry that left {@code from} for {@code reason}; drops it without a DLX. */
    void deadLetter(MessageQueue from, QueueEntry entry, String reason) {
        String dlxName = from.options.deadLetterExchange();
        if (dlxName == null) {
            return;
        }
        Exchange dlx = exchanges.get(dlxName);
        if (dlx == null) {
            return;
        }
        from.countDeadLettered();
        String dlrk = from.options.deadLetterRoutingKey();
        Message dead = DeadLetters.deadLettered(
                entry.message(), from.name, reason, dlxName, dlrk, wallClockMillis.getAsLong());
        for (MessageQueue target :
                route(dlx, routingKeys(dead), dead.properties().headers())) {
            if (!DeadLetters.isCycle(dead, reason, target.name)) {
                target.enqueue(dead);
            }
        }
    }

    /** The {@code x-delivery-count} view of an entry's headers, for queues that track it. */
    static Map<String, Object> withDeliveryCount(Map<String, Object> headers, int count) {
        Map<String, Object> h =
                headers == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(headers);
        h.put("x-delivery-count", (long) count);
        return h;
    }

    static LongString str(String s) {
        return LongString.of(s);
    }
}
