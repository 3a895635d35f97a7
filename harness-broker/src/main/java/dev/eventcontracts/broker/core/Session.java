package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The broker side of one AMQP channel: its topology operations, consumers, prefetch, flow and
 * confirm and transaction modes. Delivery bookkeeping and settlement are {@link Deliveries}', the
 * publish side {@link Publishing}'s; deliveries leave through a {@link DeliveryOutlet} decorated
 * with the fault rules ({@link FaultedDeliveries}). Every method runs on the virtual host's
 * thread and either succeeds or throws {@link AmqpException}.
 */
public final class Session {
    private final int channel;
    private final VirtualHost vhost;
    private final Topology topology;
    private final ClientConnection connection;
    private final SessionOutput output;
    private final Deliveries deliveries;
    private final Publishing publishing;
    private final DeliveryOutlet outlet;
    private final Map<String, dev.eventcontracts.broker.core.Consumer> consumers = new LinkedHashMap<>();
    private int consumerPrefetch;
    private boolean transactional;
    private boolean flowActive = true;
    private boolean closed;
    private String lastQueue;
    /** The consumer tag and address of this channel's direct reply-to consumer, if any. */
    private String replyConsumerTag;

    private String replyAddress;
    /** Rotates which consumer's queue is offered capacity first (channel-wide prefetch fairness). */
    private int dispatchRotation;

    /** Reply to {@code queue.declare}. */
    public record QueueDeclareOk(String queue, int messageCount, int consumerCount) {}

    Session(VirtualHost vhost, ClientConnection connection, int channel, SessionOutput output) {
        this.channel = channel;
        this.vhost = vhost;
        this.topology = vhost.topology();
        this.connection = connection;
        this.output = output;
        this.deliveries = new Deliveries(vhost);
        this.publishing = new Publishing(vhost, connection, output, () -> closed);
        this.outlet = new FaultedDeliveries(DeliveryOutlet.direct(output), vhost, deliveries, output, () -> closed);
    }

    /** A snapshot for the admin API. */
    Views.ChannelView view(long connectionId, String connectionName, String user) {
        return new Views.ChannelView(
                connectionId,
                connectionName,
                channel,
                user,
                consumers.size(),
                deliveries.unackedCount(),
                consumerPrefetch,
                publishing.inConfirmMode(),
                transactional);
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
        String stripped = stripCrLf(name);
        if (!passive) {
            allow(AccessControl.Need.CONFIGURE, "exchange", stripped);
        }
        topology.declareExchange(stripped, type, passive, durable, autoDelete, internal, args);
    }

    /** {@code exchange.delete}. */
    public void exchangeDelete(String name, boolean ifUnused) {
        allow(AccessControl.Need.CONFIGURE, "exchange", name);
        topology.deleteExchange(name, ifUnused);
    }

    /** {@code exchange.bind}. */
    public void exchangeBind(String destination, String source, String key, Map<String, Object> args) {
        allow(AccessControl.Need.WRITE, "exchange", destination);
        allow(AccessControl.Need.READ, "exchange", source);
        topology.bind(source, destination, true, key, args, connection);
    }

    /** {@code exchange.unbind}. */
    public void exchangeUnbind(String destination, String source, String key, Map<String, Object> args) {
        allow(AccessControl.Need.WRITE, "exchange", destination);
        allow(AccessControl.Need.READ, "exchange", source);
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
        String stripped = stripCrLf(name);
        if (passive && (DirectReplyTo.isPseudoQueue(stripped) || DirectReplyTo.isReplyAddress(stripped))) {
            if (DirectReplyTo.isReplyAddress(stripped)
                    && vhost.directReplyTo().target(stripped).isEmpty()) {
                throw AmqpException.notFound("no queue '" + stripped + "' in vhost '" + vhost.name() + "'");
            }
            return new QueueDeclareOk(stripped, 0, 0);
        }
        boolean serverNamed = stripped.isEmpty() && !passive;
        String actual = serverNamed ? vhost.generateName("amq.gen-") : passive ? resolve(stripped) : stripped;
        if (!passive) {
            allow(AccessControl.Need.CONFIGURE, "queue", actual);
        }
        Topology.Declared d =
                topology.declareQueue(actual, serverNamed, passive, durable, exclusive, autoDelete, args, connection);
        lastQueue = d.queue();
        return new QueueDeclareOk(d.queue(), d.messageCount(), d.consumerCount());
    }

    /** {@code queue.bind}. */
    public void queueBind(String queue, String exchange, String key, Map<String, Object> args) {
        String q = resolve(queue);
        allow(AccessControl.Need.WRITE, "queue", q);
        allow(AccessControl.Need.READ, "exchange", exchange);
        topology.bind(exchange, q, false, key.isEmpty() && queue.isEmpty() ? q : key, args, connection);
    }

    /** {@code queue.unbind}. */
    public void queueUnbind(String queue, String exchange, String key, Map<String, Object> args) {
        String q = resolve(queue);
        allow(AccessControl.Need.WRITE, "queue", q);
        allow(AccessControl.Need.READ, "exchange", exchange);
        topology.unbind(exchange, q, false, key.isEmpty() && queue.isEmpty() ? q : key, args, connection);
    }

    /** {@code queue.purge}; returns the number of messages removed. */
    public int queuePurge(String queue) {
        allow(AccessControl.Need.READ, "queue", resolve(queue));
        return topology.purge(resolve(queue), connection);
    }

    /** {@code queue.delete}; returns the number of messages deleted. */
    public int queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
        allow(AccessControl.Need.CONFIGURE, "queue", resolve(queue));
        return topology.deleteQueue(resolve(queue), ifUnused, ifEmpty, connection);
    }

    private void allow(AccessControl.Need need, String resourceType, String name) {
        vhost.access().check(connection.user(), need, resourceType, name);
    }

    /** RabbitMQ strips CR and LF from the names in {@code exchange.declare} and {@code queue.declare}. */
    private static String stripCrLf(String name) {
        return name.indexOf('\r') < 0 && name.indexOf('\n') < 0
                ? name
                : name.replace("\r", "").replace("\n", "");
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
            deliveries.globalPrefetch(prefetchCount);
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
        consume(queue, tag, noAck, exclusive, Map.of(), beforeFirstDelivery);
    }

    /** {@code basic.consume} with its arguments ({@code x-priority}, see {@link ConsumerArguments}). */
    public void consume(
            String queue,
            String tag,
            boolean noAck,
            boolean exclusive,
            Map<String, Object> args,
            Consumer<String> beforeFirstDelivery) {
        if (DirectReplyTo.isPseudoQueue(queue)) {
            consumeReplies(tag, noAck, beforeFirstDelivery);
            return;
        }
        allow(AccessControl.Need.READ, "queue", resolve(queue));
        MessageQueue q = topology.accessibleQueue(resolve(queue), connection);
        String actualTag = tag.isEmpty() ? vhost.generateName("amq.ctag-") : tag;
        if (consumers.containsKey(actualTag) || actualTag.equals(replyConsumerTag)) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "attempt to reuse consumer tag '" + actualTag + "'");
        }
        int priority = ConsumerArguments.priority(args, q.name, vhost.name());
        if ((exclusive && q.consumerCount() > 0) || q.hasExclusiveConsumer()) {
            throw AmqpException.accessRefused(
                    "queue '" + q.name + "' in vhost '" + vhost.name() + "' in exclusive use");
        }
        var c = new dev.eventcontracts.broker.core.Consumer(
                actualTag, this, q, noAck, exclusive, consumerPrefetch, priority);
        consumers.put(actualTag, c);
        beforeFirstDelivery.accept(actualTag);
        q.addConsumer(c);
    }

    /** Direct reply-to: this channel's consumer of {@code amq.rabbitmq.reply-to}, no-ack only, one per channel. */
    private void consumeReplies(String tag, boolean noAck, Consumer<String> beforeFirstDelivery) {
        if (!noAck) {
            throw AmqpException.preconditionFailed("reply consumer cannot acknowledge");
        }
        if (replyConsumerTag != null) {
            throw AmqpException.preconditionFailed("reply consumer already set");
        }
        String actualTag = tag.isEmpty() ? vhost.generateName("amq.ctag-") : tag;
        if (consumers.containsKey(actualTag)) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "attempt to reuse consumer tag '" + actualTag + "'");
        }
        replyConsumerTag = actualTag;
        replyAddress = vhost.directReplyTo().register(this, vhost.generateName(""));
        beforeFirstDelivery.accept(actualTag);
    }

    private void cancelReplies() {
        vhost.directReplyTo().unregister(replyAddress);
        replyConsumerTag = null;
        replyAddress = null;
    }

    /** A reply sent to this channel's reply address: delivered at once, no-ack. */
    void deliverReply(Message message) {
        if (!closed) {
            output.deliver(replyConsumerTag, deliveries.nextTag(), false, message, message.properties());
        }
    }

    /** {@code basic.cancel}; unknown tags are ignored, as RabbitMQ does. */
    public void cancel(String tag) {
        if (tag.equals(replyConsumerTag)) {
            cancelReplies();
            return;
        }
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
        return deliveries.hasGlobalCapacity();
    }

    void deliver(dev.eventcontracts.broker.core.Consumer c, MessageQueue q, QueueEntry e) {
        long tag = deliveries.nextTag();
        q.delivered(e);
        boolean redelivered = e.redelivered();
        deliveries.toConsumer(tag, c, q, e);
        outlet.deliver(c, q, e, tag, redelivered, propertiesFor(q, e));
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
        allow(AccessControl.Need.READ, "queue", resolve(queue));
        MessageQueue q = topology.accessibleQueue(resolve(queue), connection);
        QueueEntry copy = deliveries.takeGetCopy(q);
        if (copy != null) {
            // the copy a duplicate rule left: its own tag, redelivered; settling it touches nothing
            long tag = deliveries.nextTag();
            deliveries.toGet(tag, noAck, q, copy, true);
            output.getOk(tag, true, copy.message(), propertiesFor(q, copy), q.messageCount());
            return true;
        }
        QueueEntry e = q.fetch();
        if (e == null) {
            return false;
        }
        long tag = deliveries.nextTag();
        q.delivered(e);
        boolean redelivered = e.redelivered();
        deliveries.toGet(tag, noAck, q, e, false);
        outlet.getOk(q, e, tag, redelivered, propertiesFor(q, e), q.messageCount());
        return true;
    }

    // ---- acknowledgements ------------------------------------------------------------------

    /** {@code basic.ack}. */
    public void ack(long tag, boolean multiple) {
        settle(deliveries.take(tag, multiple), Deliveries.Settle.ACK);
    }

    /** {@code basic.nack}. */
    public void nack(long tag, boolean multiple, boolean requeue) {
        settle(deliveries.take(tag, multiple), requeue ? Deliveries.Settle.REQUEUE : Deliveries.Settle.REJECT);
    }

    /** {@code basic.reject}. */
    public void reject(long tag, boolean requeue) {
        settle(deliveries.take(tag, false), requeue ? Deliveries.Settle.REQUEUE : Deliveries.Settle.REJECT);
    }

    /** {@code basic.recover}: requeues every unacknowledged delivery. */
    public void recover(boolean requeue) {
        if (!requeue) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "requeue=false");
        }
        Set<MessageQueue> touched = new LinkedHashSet<>();
        deliveries.requeueAll(touched);
        dispatchMine(touched);
    }

    private void settle(List<Deliveries.Delivery> taken, Deliveries.Settle how) {
        Set<MessageQueue> touched = deliveries.settle(taken, how, transactional);
        if (touched != null) {
            dispatchMine(touched);
        }
    }

    /**
     * Offers the channel's free capacity to its consumers' queues, starting at a different one each
     * time, so that with a channel-wide prefetch no queue is left behind (RabbitMQ's limiter
     * notifies every queue of the channel); then the other touched queues.
     */
    private void dispatchMine(Set<MessageQueue> touched) {
        if (consumers.size() <= 1) { // the common case, on every ack: nothing to rotate
            for (var c : consumers.values()) {
                touched.add(c.queue);
            }
            for (MessageQueue q : touched) {
                q.dispatch();
            }
            return;
        }
        List<MessageQueue> mine = new ArrayList<>(new LinkedHashSet<>(
                consumers.values().stream().map(c -> c.queue).toList()));
        if (!mine.isEmpty()) {
            java.util.Collections.rotate(mine, -(dispatchRotation++ % mine.size()));
        }
        Set<MessageQueue> order = new LinkedHashSet<>(mine);
        order.addAll(touched);
        for (MessageQueue q : order) {
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
        publishing.publish(
                exchangeName, routingKey, mandatory, immediate, properties, body, replyAddress, transactional);
    }

    // ---- confirms and transactions ---------------------------------------------------------

    /** {@code confirm.select}. */
    public void confirmSelect() {
        if (transactional) {
            throw AmqpException.preconditionFailed("cannot switch from tx to confirm mode");
        }
        publishing.confirmMode();
    }

    /** {@code tx.select}. */
    public void txSelect() {
        if (publishing.inConfirmMode()) {
            throw AmqpException.preconditionFailed("cannot switch from confirm to tx mode");
        }
        transactional = true;
    }

    /** {@code tx.commit}: routes held publishes, then applies held settlements. */
    public void txCommit() {
        requireTransactional();
        publishing.commit();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        deliveries.commit(touched);
        dispatchMine(touched);
    }

    /** {@code tx.rollback}: drops held publishes; held settlements become unacknowledged again. */
    public void txRollback() {
        requireTransactional();
        publishing.dropHeld();
        deliveries.restoreHeld();
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
        publishing.dropHeld();
        deliveries.restoreHeld();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        deliveries.requeueAll(touched);
        for (MessageQueue q : touched) {
            q.dispatch();
        }
        for (var c : new ArrayList<>(consumers.values())) {
            cancel(c.tag);
        }
        cancelReplies();
        connection.sessionClosed(this);
    }
}
