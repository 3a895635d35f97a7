package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The broker side of one AMQP channel: its consumers, unacknowledged deliveries, prefetch,
 * confirm and transaction modes. Every method runs on the virtual host's thread and either
 * succeeds or throws {@link AmqpException}.
 */
public final class Session {
    private final VirtualHost vhost;
    private final Topology topology;
    private final ClientConnection connection;
    private final SessionOutput output;
    private final LinkedHashMap<Long, Delivery> unacked = new LinkedHashMap<>();
    private final Map<String, dev.eventcontracts.broker.core.Consumer> consumers = new LinkedHashMap<>();
    private final Transaction tx = new Transaction();
    private long nextDeliveryTag = 1;
    private int consumerPrefetch;
    private int globalPrefetch;
    private int globalUnacked;
    private boolean confirmMode;
    private long publishSequence;
    private boolean transactional;
    private boolean flowActive = true;
    private boolean closed;
    private String lastQueue;

    /** One unacknowledged delivery. */
    private record Delivery(
            long tag, MessageQueue queue, QueueEntry entry, dev.eventcontracts.broker.core.Consumer consumer) {}

    /** What to do with settled deliveries. */
    private enum Settle {
        ACK,
        REQUEUE,
        REJECT
    }

    /** Publishes and settlements held back until {@code tx.commit}. */
    private static final class Transaction {
        final List<Runnable> publishes = new ArrayList<>();
        final List<Map.Entry<Settle, List<Delivery>>> settlements = new ArrayList<>();
    }

    /** Reply to {@code queue.declare}. */
    public record QueueDeclareOk(String queue, int messageCount, int consumerCount) {}

    Session(VirtualHost vhost, ClientConnection connection, int channel, SessionOutput output) {
        this.vhost = vhost;
        this.topology = vhost.topology();
        this.connection = connection;
        this.output = output;
    }

    // ---- exchanges -------------------------------------------------------------------------

    /** {@code exchange.declare}. */
    public void exchangeDeclare(
            String name,
            String type,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> args) {
        topology.declareExchange(name, type, passive, durable, autoDelete, internal, args);
    }

    /** {@code exchange.delete}. */
    public void exchangeDelete(String name, boolean ifUnused) {
        topology.deleteExchange(name, ifUnused);
    }

    /** {@code exchange.bind}. */
    public void exchangeBind(String destination, String source, String key, Map<String, Object> args) {
        topology.bind(source, destination, true, key, args, connection);
    }

    /** {@code exchange.unbind}. */
    public void exchangeUnbind(String destination, String source, String key, Map<String, Object> args) {
        topology.unbind(source, destination, true, key, args, connection);
    }

    // ---- queues ----------------------------------------------------------------------------

    /** {@code queue.declare}; an empty name asks for a server-named queue. */
    public QueueDeclareOk queueDeclare(
            String name,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            Map<String, Object> args) {
        boolean serverNamed = name.isEmpty() && !passive;
        String actual = serverNamed ? vhost.generateName("amq.gen-") : passive ? resolve(name) : name;
        Topology.Declared d =
                topology.declareQueue(actual, serverNamed, passive, durable, exclusive, autoDelete, args, connection);
        lastQueue = d.queue();
        return new QueueDeclareOk(d.queue(), d.messageCount(), d.consumerCount());
    }

    /** {@code queue.bind}. */
    public void queueBind(String queue, String exchange, String key, Map<String, Object> args) {
        String q = resolve(queue);
        topology.bind(exchange, q, false, key.isEmpty() && queue.isEmpty() ? q : key, args, connection);
    }

    /** {@code queue.unbind}. */
    public void queueUnbind(String queue, String exchange, String key, Map<String, Object> args) {
        String q = resolve(queue);
        topology.unbind(exchange, q, false, key.isEmpty() && queue.isEmpty() ? q : key, args, connection);
    }

    /** {@code queue.purge}; returns the number of messages removed. */
    public int queuePurge(String queue) {
        return topology.purge(resolve(queue), connection);
    }

    /** {@code queue.delete}; returns the number of messages deleted. */
    public int queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
        return topology.deleteQueue(resolve(queue), ifUnused, ifEmpty, connection);
    }

    private String resolve(String queue) {
        if (!queue.isEmpty()) {
            return queue;
        }
        if (lastQueue == null) {
            throw AmqpException.notFound("no previously declared queue");
        }
        return lastQueue;
    }

    // ---- consuming -------------------------------------------------------------------------

    /** {@code basic.qos}. */
    public void qos(long prefetchSize, int prefetchCount, boolean global) {
        if (prefetchSize != 0) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "prefetch_size!=0 (" + prefetchSize + ")");
        }
        if (global) {
            globalPrefetch = prefetchCount;
            dispatchMine(new LinkedHashSet<>());
        } else {
            consumerPrefetch = prefetchCount;
        }
    }

    /**
     * {@code basic.consume}. {@code beforeFirstDelivery} receives the consumer tag before any
     * delivery can happen (the place to send {@code consume-ok}).
     */
    public void consume(
            String queue, String tag, boolean noAck, boolean exclusive, Consumer<String> beforeFirstDelivery) {
        MessageQueue q = topology.accessibleQueue(resolve(queue), connection);
        String actualTag = tag.isEmpty() ? vhost.generateName("amq.ctag-") : tag;
        if (consumers.containsKey(actualTag)) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "attempt to reuse consumer tag '" + actualTag + "'");
        }
        if ((exclusive && q.consumerCount() > 0) || q.hasExclusiveConsumer()) {
            throw AmqpException.accessRefused(
                    "queue '" + q.name + "' in vhost '" + vhost.name() + "' in exclusive use");
        }
        var c = new dev.eventcontracts.broker.core.Consumer(actualTag, this, q, noAck, exclusive, consumerPrefetch);
        consumers.put(actualTag, c);
        beforeFirstDelivery.accept(actualTag);
        q.addConsumer(c);
    }

    /** {@code basic.cancel}; unknown tags are ignored, as RabbitMQ does. */
    public void cancel(String tag) {
        var c = consumers.remove(tag);
        if (c != null && c.queue.removeConsumer(c)) {
            vhost.deleteQueue(c.queue);
        }
    }

    void consumerGone(dev.eventcontracts.broker.core.Consumer c) {
        if (consumers.remove(c.tag) != null && connection.consumerCancelNotify() && !closed) {
            output.cancelledByBroker(c.tag);
        }
    }

    boolean isReceiving() {
        return !closed && flowActive && output.isWritable();
    }

    /** The client caught up (its output became writable again): deliver what waits. */
    public void resume() {
        if (!closed) {
            dispatchMine(new LinkedHashSet<>());
        }
    }

    boolean hasGlobalCapacity() {
        return globalPrefetch == 0 || globalUnacked < globalPrefetch;
    }

    void deliver(dev.eventcontracts.broker.core.Consumer c, MessageQueue q, QueueEntry e) {
        long tag = nextDeliveryTag++;
        if (c.noAck) {
            q.settle(e);
        } else {
            unacked.put(tag, new Delivery(tag, q, e, c));
            c.unacked++;
            globalUnacked++;
        }
        output.deliver(c.tag, tag, e.redelivered(), e.message(), propertiesFor(q, e));
    }

    private static BasicProperties propertiesFor(MessageQueue q, QueueEntry e) {
        BasicProperties p = e.message().properties();
        if (!q.options.tracksDeliveryCount() || e.deliveryCount() == 0) {
            return p;
        }
        return p.withHeaders(VirtualHost.withDeliveryCount(p.headers(), e.deliveryCount()));
    }

    /** {@code basic.get}; sends {@code get-ok} and returns true, or returns false when empty. */
    public boolean get(String queue, boolean noAck) {
        MessageQueue q = topology.accessibleQueue(resolve(queue), connection);
        QueueEntry e = q.fetch();
        if (e == null) {
            return false;
        }
        long tag = nextDeliveryTag++;
        if (noAck) {
            q.settle(e);
        } else {
            unacked.put(tag, new Delivery(tag, q, e, null));
        }
        output.getOk(tag, e.redelivered(), e.message(), propertiesFor(q, e), q.messageCount());
        return true;
    }

    // ---- acknowledgements ------------------------------------------------------------------

    /** {@code basic.ack}. */
    public void ack(long tag, boolean multiple) {
        settle(take(tag, multiple), Settle.ACK);
    }

    /** {@code basic.nack}. */
    public void nack(long tag, boolean multiple, boolean requeue) {
        settle(take(tag, multiple), requeue ? Settle.REQUEUE : Settle.REJECT);
    }

    /** {@code basic.reject}. */
    public void reject(long tag, boolean requeue) {
        settle(take(tag, false), requeue ? Settle.REQUEUE : Settle.REJECT);
    }

    /** {@code basic.recover}: requeues every unacknowledged delivery. */
    public void recover(boolean requeue) {
        if (!requeue) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "requeue=false");
        }
        Set<MessageQueue> touched = new LinkedHashSet<>();
        apply(take(0, true), Settle.REQUEUE, touched);
        dispatchMine(touched);
    }

    private List<Delivery> take(long tag, boolean multiple) {
        List<Delivery> taken = new ArrayList<>();
        if (multiple) {
            if (tag != 0 && !unacked.containsKey(tag)) {
                throw unknownTag(tag);
            }
            Iterator<Delivery> it = unacked.values().iterator();
            while (it.hasNext()) {
                Delivery d = it.next();
                if (tag != 0 && d.tag > tag) {
                    break;
                }
                it.remove();
                taken.add(d);
            }
        } else {
            Delivery d = unacked.remove(tag);
            if (d == null) {
                throw unknownTag(tag);
            }
            taken.add(d);
        }
        return taken;
    }

    private static AmqpException unknownTag(long tag) {
        return AmqpException.preconditionFailed("unknown delivery tag " + tag);
    }

    private void settle(List<Delivery> deliveries, Settle how) {
        if (deliveries.isEmpty()) {
            return;
        }
        if (transactional) {
            tx.settlements.add(Map.entry(how, deliveries));
            return;
        }
        Set<MessageQueue> touched = new LinkedHashSet<>();
        apply(deliveries, how, touched);
        dispatchMine(touched);
    }

    private void apply(List<Delivery> deliveries, Settle how, Set<MessageQueue> touched) {
        for (Delivery d : deliveries) {
            if (d.consumer != null) {
                d.consumer.unacked--;
                globalUnacked--;
            }
            switch (how) {
                case ACK -> d.queue.settle(d.entry);
                case REQUEUE -> d.queue.requeue(d.entry, true);
                case REJECT -> d.queue.reject(d.entry);
            }
            touched.add(d.queue);
        }
    }

    private void dispatchMine(Set<MessageQueue> touched) {
        for (var c : consumers.values()) {
            touched.add(c.queue);
        }
        for (MessageQueue q : touched) {
            q.dispatch();
        }
    }

    // ---- publishing ------------------------------------------------------------------------

    /** {@code basic.publish} with its assembled content. */
    public void publish(
            String exchangeName,
            String routingKey,
            boolean mandatory,
            boolean immediate,
            BasicProperties properties,
            byte[] body) {
        if (immediate) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "immediate=true");
        }
        Exchange exchange = topology.existingExchange(exchangeName);
        if (exchange.internal) {
            throw AmqpException.accessRefused(
                    "cannot publish to internal exchange '" + exchangeName + "' in vhost '" + vhost.name() + "'");
        }
        validateExpiration(properties.expiration());
        Message message = toMessage(exchangeName, routingKey, properties, body);
        long sequence = confirmMode ? ++publishSequence : 0;
        if (transactional) {
            tx.publishes.add(() -> route(exchangeName, message, mandatory, 0));
            return;
        }
        route(exchangeName, message, mandatory, sequence);
    }

    private void route(String exchangeName, Message message, boolean mandatory, long sequence) {
        Exchange exchange = vhost.exchange(exchangeName);
        VirtualHost.Routed routed =
                exchange == null ? new VirtualHost.Routed(0, false) : vhost.publish(exchange, message);
        if (routed.queues() == 0 && mandatory) {
            output.returned(312, "NO_ROUTE", message);
        }
        if (sequence > 0) {
            output.confirm(sequence, false, !routed.rejected());
        }
    }

    private static Message toMessage(String exchange, String routingKey, BasicProperties p, byte[] body) {
        Map<String, Object> headers = p.headers();
        if (headers == null || headers.isEmpty() || !(headers.containsKey("CC") || headers.containsKey("BCC"))) {
            return new Message(exchange, routingKey, List.of(), List.of(), p, body);
        }
        List<String> cc = keys(headers.get("CC"));
        List<String> bcc = keys(headers.get("BCC"));
        BasicProperties props = p;
        if (headers.containsKey("BCC")) {
            Map<String, Object> h = new LinkedHashMap<>(headers);
            h.remove("BCC");
            props = p.withHeaders(h);
        }
        return new Message(exchange, routingKey, cc, bcc, props, body);
    }

    private static List<String> keys(Object header) {
        if (!(header instanceof List<?> list)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof LongString || o instanceof String) {
                keys.add(o.toString());
            }
        }
        return keys;
    }

    private static void validateExpiration(String expiration) {
        if (expiration == null) {
            return;
        }
        int i = 0;
        if (i < expiration.length() && (expiration.charAt(i) == '-' || expiration.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < expiration.length() && Character.isDigit(expiration.charAt(i))) {
            i++;
        }
        String prefix = "invalid expiration '" + expiration + "': ";
        if (i == digitsStart) {
            throw AmqpException.preconditionFailed(prefix + "no_integer");
        }
        if (i < expiration.length()) {
            throw AmqpException.preconditionFailed(prefix + "{leftover_string,\"" + expiration.substring(i) + "\"}");
        }
        long value;
        try {
            value = Long.parseLong(expiration);
        } catch (NumberFormatException e) {
            throw AmqpException.preconditionFailed(prefix + "{value_too_large," + expiration + "}");
        }
        if (value < 0) {
            throw AmqpException.preconditionFailed(prefix + "{value_negative," + value + "}");
        }
    }

    // ---- confirms and transactions ---------------------------------------------------------

    /** {@code confirm.select}. */
    public void confirmSelect() {
        if (transactional) {
            throw AmqpException.preconditionFailed("cannot switch from tx to confirm mode");
        }
        confirmMode = true;
    }

    /** {@code tx.select}. */
    public void txSelect() {
        if (confirmMode) {
            throw AmqpException.preconditionFailed("cannot switch from confirm to tx mode");
        }
        transactional = true;
    }

    /** {@code tx.commit}: routes held publishes, then applies held settlements. */
    public void txCommit() {
        requireTransactional();
        List<Runnable> publishes = new ArrayList<>(tx.publishes);
        var settlements = new ArrayList<>(tx.settlements);
        tx.publishes.clear();
        tx.settlements.clear();
        publishes.forEach(Runnable::run);
        Set<MessageQueue> touched = new LinkedHashSet<>();
        for (var s : settlements) {
            apply(s.getValue(), s.getKey(), touched);
        }
        dispatchMine(touched);
    }

    /** {@code tx.rollback}: drops held publishes; held settlements become unacknowledged again. */
    public void txRollback() {
        requireTransactional();
        tx.publishes.clear();
        restoreHeldSettlements();
    }

    private void restoreHeldSettlements() {
        if (tx.settlements.isEmpty()) {
            return;
        }
        TreeMap<Long, Delivery> all = new TreeMap<>();
        unacked.values().forEach(d -> all.put(d.tag, d));
        tx.settlements.forEach(s -> s.getValue().forEach(d -> all.put(d.tag, d)));
        tx.settlements.clear();
        unacked.clear();
        unacked.putAll(all);
    }

    private void requireTransactional() {
        if (!transactional) {
            throw AmqpException.preconditionFailed("channel is not transactional");
        }
    }

    /** {@code channel.flow}. */
    public void flow(boolean active) {
        flowActive = active;
        if (active) {
            dispatchMine(new LinkedHashSet<>());
        }
    }

    /**
     * Closes the session: every unacknowledged delivery goes back to its queue (redelivered) and
     * every consumer is cancelled. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tx.publishes.clear();
        restoreHeldSettlements();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        apply(take(0, true), Settle.REQUEUE, touched);
        for (MessageQueue q : touched) {
            q.dispatch();
        }
        for (var c : new ArrayList<>(consumers.values())) {
            cancel(c.tag);
        }
        connection.sessionClosed(this);
    }
}
