package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.QueueEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The broker side of one AMQP channel: its consumers, unacknowledged deliveries, prefetch,
 * confirm and transaction modes. Every method runs on the virtual host's thread and either
 * succeeds or throws {@link AmqpException}.
 */
public final class Session {
    private final int channel;
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
    private Delivery getCopy;
    /** The consumer tag and address of this channel's direct reply-to consumer, if any. */
    private String replyConsumerTag;

    private String replyAddress;
    /** Rotates which consumer's queue is offered capacity first (channel-wide prefetch fairness). */
    private int dispatchRotation;

    /** One unacknowledged delivery. */
    private record Delivery(
            long tag,
            MessageQueue queue,
            QueueEntry entry,
            dev.eventcontracts.broker.core.Consumer consumer,
            boolean copy) {}

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
        this.channel = channel;
        this.vhost = vhost;
        this.topology = vhost.topology();
        this.connection = connection;
        this.output = output;
    }

    /** A snapshot for the admin API. */
    Views.ChannelView view(long connectionId, String connectionName, String user) {
        return new Views.ChannelView(
                connectionId,
                connectionName,
                channel,
                user,
                consumers.size(),
                unacked.size(),
                consumerPrefetch,
                confirmMode,
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
    private void deliverReply(Message message) {
        if (!closed) {
            output.deliver(replyConsumerTag, nextDeliveryTag++, false, message, message.properties());
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
        return globalPrefetch == 0 || globalUnacked < globalPrefetch;
    }

    void deliver(dev.eventcontracts.broker.core.Consumer c, MessageQueue q, QueueEntry e) {
        long tag = nextDeliveryTag++;
        q.delivered(e);
        boolean redelivered = e.redelivered();
        if (c.noAck) {
            q.settle(e);
        } else {
            track(new Delivery(tag, q, e, c, false));
        }
        BasicProperties props = propertiesFor(q, e);
        FaultInjector faults = vhost.faults();
        FaultInjector.Plan plan = faults.onDelivery(q.name);
        if (plan == FaultInjector.Plan.NONE) {
            output.deliver(c.tag, tag, redelivered, e.message(), props);
            return;
        }
        faults.emit(plan, () -> sendUnlessClosed(c.tag, tag, redelivered, e, props));
        if (plan.duplicate()) {
            long copyTag = nextDeliveryTag++;
            if (!c.noAck) {
                track(new Delivery(copyTag, q, e, c, true));
            }
            faults.emit(plan, () -> sendUnlessClosed(c.tag, copyTag, true, e, props));
        }
        afterDelivery(plan, tag, q);
    }

    /** The closing faults a plan asks for, once the delivery {@code tag} from {@code q} is on its way. */
    private void afterDelivery(FaultInjector.Plan plan, long tag, MessageQueue q) {
        if (plan.closeChannel() || plan.closeConnection()) {
            String text = "CONNECTION_FORCED - closed by harness fault rule after delivery " + tag + " from queue '"
                    + q.name + "'";
            vhost.executor().execute(() -> {
                if (plan.closeConnection()) {
                    output.closeConnection(AmqpException.CONNECTION_FORCED, text);
                } else if (!closed) {
                    output.closeChannel(AmqpException.CONNECTION_FORCED, text);
                }
            });
        }
        if (plan.restart()) {
            vhost.requestRestart("fault rule RestartBroker after delivery " + tag + " from queue '" + q.name + "'");
        }
    }

    private void track(Delivery d) {
        unacked.put(d.tag, d);
        d.consumer.unacked++;
        globalUnacked++;
    }

    private void sendUnlessClosed(String consumerTag, long tag, boolean redelivered, QueueEntry e, BasicProperties p) {
        if (!closed) {
            output.deliver(consumerTag, tag, redelivered, e.message(), p);
        }
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
        if (getCopy != null && getCopy(q, noAck)) {
            return true;
        }
        QueueEntry e = q.fetch();
        if (e == null) {
            return false;
        }
        long tag = nextDeliveryTag++;
        q.delivered(e);
        boolean redelivered = e.redelivered();
        if (noAck) {
            q.settle(e);
        } else {
            unacked.put(tag, new Delivery(tag, q, e, null, false));
        }
        BasicProperties props = propertiesFor(q, e);
        FaultInjector.Plan plan = vhost.faults().onGet(q.name);
        if (plan == FaultInjector.Plan.NONE) {
            output.getOk(tag, redelivered, e.message(), props, q.messageCount());
            return true;
        }
        int count = q.messageCount();
        vhost.faults().emit(plan, () -> {
            if (!closed) {
                output.getOk(tag, redelivered, e.message(), props, count);
            }
        });
        if (plan.duplicate()) {
            getCopy = new Delivery(0, q, e, null, true);
        }
        afterDelivery(plan, tag, q);
        return true;
    }

    /**
     * Serves the copy a duplicate rule left for this channel's next {@code basic.get} on the same
     * queue: its own tag, {@code redelivered=true}; settling it does not touch the message.
     */
    private boolean getCopy(MessageQueue q, boolean noAck) {
        Delivery copy = getCopy;
        if (copy == null || copy.queue() != q) {
            return false;
        }
        getCopy = null;
        long tag = nextDeliveryTag++;
        if (!noAck) {
            unacked.put(tag, new Delivery(tag, q, copy.entry(), null, true));
        }
        output.getOk(tag, true, copy.entry().message(), propertiesFor(q, copy.entry()), q.messageCount());
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
            if (d.copy) {
                continue;
            }
            switch (how) {
                case ACK -> {
                    if (vhost.faults().loseAck(d.queue.name)) {
                        d.queue.requeue(d.entry, false);
                    } else {
                        d.queue.settle(d.entry);
                    }
                }
                case REQUEUE -> d.queue.requeue(d.entry, true);
                case REJECT -> d.queue.reject(d.entry);
            }
            touched.add(d.queue);
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
        if (immediate) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "immediate=true");
        }
        allow(AccessControl.Need.WRITE, "exchange", exchangeName);
        Exchange exchange = topology.existingExchange(exchangeName);
        if (exchange.internal) {
            throw AmqpException.accessRefused(
                    "cannot publish to internal exchange '" + exchangeName + "' in vhost '" + vhost.name() + "'");
        }
        Publications.validateUserId(properties.userId(), connection.user(), vhost.userTags());
        Publications.validateExpiration(properties.expiration());
        if (properties.replyTo() != null && DirectReplyTo.isPseudoQueue(properties.replyTo())) {
            if (replyAddress == null) {
                throw AmqpException.preconditionFailed("fast reply consumer does not exist");
            }
            properties = properties.withReplyTo(replyAddress);
        }
        Message message = Publications.toMessage(exchangeName, routingKey, properties, body);
        long sequence = confirmMode ? ++publishSequence : 0;
        FaultRule.PublishRule fault = vhost.faults().onPublish(exchangeName, routingKey);
        if (fault != null) {
            faultPublish(fault, message, sequence);
            return;
        }
        if (transactional) {
            tx.publishes.add(() -> route(exchangeName, message, mandatory, 0));
            return;
        }
        route(exchangeName, message, mandatory, sequence);
    }

    /**
     * A publish a fault rule stops (docs/broker.md, *Fault injection*): never routed, recorded in
     * the journal with the rule's type, then nacked, refused with 403 or answered by closing the
     * connection with 320.
     */
    private void faultPublish(FaultRule.PublishRule fault, Message message, long sequence) {
        boolean nack = fault instanceof FaultRule.NackPublishes && sequence > 0;
        vhost.journal().record(message, List.of(), false, nack ? "nack" : "none", connection, fault.type());
        String detail = "publish to exchange '" + message.exchange() + "' with routing key '" + message.routingKey()
                + "' in vhost '" + vhost.name() + "' refused by harness fault rule "
                + fault.getClass().getSimpleName();
        if (fault instanceof FaultRule.RefusePublishes) {
            throw AmqpException.accessRefused(detail);
        } else if (fault instanceof FaultRule.CloseConnectionOnPublish) {
            output.closeConnection(
                    AmqpException.CONNECTION_FORCED,
                    AmqpException.name(AmqpException.CONNECTION_FORCED) + " - " + detail);
        } else if (nack) {
            output.confirm(sequence, false, false);
        }
    }

    private void route(String exchangeName, Message message, boolean mandatory, long sequence) {
        Exchange exchange = vhost.exchange(exchangeName);
        Optional<Session> replyTarget =
                exchangeName.isEmpty() ? vhost.directReplyTo().target(message.routingKey()) : Optional.empty();
        replyTarget.ifPresent(target -> target.deliverReply(message));
        VirtualHost.Routed routed = exchange == null || replyTarget.isPresent()
                ? new VirtualHost.Routed(List.of(), false, false)
                : vhost.publish(exchange, message);
        boolean returned = routed.queues().isEmpty() && replyTarget.isEmpty() && mandatory;
        if (returned) {
            output.returned(312, "NO_ROUTE", message);
        }
        if (sequence > 0 && routed.persisted()) {
            vhost.store().afterSync(written -> {
                if (!closed) {
                    output.confirm(sequence, false, written && !routed.rejected());
                }
            });
        } else if (sequence > 0) {
            output.confirm(sequence, false, !routed.rejected());
        }
        vhost.journal()
                .record(
                        message,
                        routed.queues(),
                        returned,
                        sequence > 0 ? (routed.rejected() ? "nack" : "ack") : "none",
                        connection,
                        null);
        if (sequence == 0 && routed.persisted()) {
            String failure = vhost.store().writeFailure();
            if (!failure.isEmpty()) {
                throw AmqpException.of(AmqpException.INTERNAL_ERROR, failure);
            }
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
        cancelReplies();
        connection.sessionClosed(this);
    }
}
