package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.store.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Declares and deletes exchanges, queues and bindings with RabbitMQ's checks and reply texts. */
final class Topology {
    private final VirtualHost vhost;
    private final Map<String, Exchange> exchanges;
    private final Map<String, MessageQueue> queues;

    Topology(VirtualHost vhost, Map<String, Exchange> exchanges, Map<String, MessageQueue> queues) {
        this.vhost = vhost;
        this.exchanges = exchanges;
        this.queues = queues;
    }

    private String inVhost() {
        return " in vhost '" + vhost.name() + "'";
    }

    AmqpException noExchange(String name) {
        return AmqpException.notFound("no exchange '" + name + "'" + inVhost());
    }

    AmqpException noQueue(String name) {
        return AmqpException.notFound("no queue '" + name + "'" + inVhost());
    }

    private static AmqpException defaultExchangeRefused() {
        return AmqpException.accessRefused("operation not permitted on the default exchange");
    }

    Exchange existingExchange(String name) {
        Exchange ex = exchanges.get(name);
        if (ex == null) {
            throw noExchange(name);
        }
        return ex;
    }

    /** The queue, checked for exclusive access by {@code conn}. */
    MessageQueue accessibleQueue(String name, ClientConnection conn) {
        MessageQueue q = queues.get(name);
        if (q == null) {
            throw noQueue(name);
        }
        checkExclusive(q, conn);
        return q;
    }

    private void checkExclusive(MessageQueue q, ClientConnection conn) {
        if (q.exclusive && q.owner != conn) {
            throw locked(q.name);
        }
    }

    private AmqpException locked(String name) {
        return AmqpException.of(
                AmqpException.RESOURCE_LOCKED,
                "cannot obtain exclusive access to locked queue '" + name + "'" + inVhost()
                        + ". It could be originally declared on another connection or the exclusive property"
                        + " value does not match that of the original declaration.");
    }

    void declareExchange(
            String name,
            String typeName,
            boolean passive,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> args) {
        if (name.isEmpty()) {
            throw defaultExchangeRefused();
        }
        if (passive) {
            existingExchange(name);
            return;
        }
        ExchangeType type = ExchangeType.fromWireName(typeName);
        if (type == null) {
            throw AmqpException.of(AmqpException.COMMAND_INVALID, "unknown exchange type '" + typeName + "'");
        }
        Exchange existing = exchanges.get(name);
        if (existing == null) {
            if (name.startsWith("amq.")) {
                throw AmqpException.accessRefused("exchange name '" + name + "' contains reserved prefix 'amq.*'");
            }
            Exchange created = new Exchange(name, type, durable, autoDelete, internal, args);
            created.applyPolicy(vhost.policies().forExchange(name).orElse(null));
            exchanges.put(name, created);
            if (durable) {
                vhost.store()
                        .exchangeDeclared(
                                new MessageStore.ExchangeDef(name, type.wireName(), autoDelete, internal, args));
            }
            return;
        }
        String where = " for exchange '" + name + "'" + inVhost() + ": ";
        checkEquivalent("type", where, typeName, existing.type.wireName());
        checkEquivalent("durable", where, durable, existing.durable);
        checkEquivalent("auto_delete", where, autoDelete, existing.autoDelete);
        checkEquivalent("internal", where, internal, existing.internal);
        String detail = QueueArguments.inequivalence(
                "alternate-exchange", args.get("alternate-exchange"), existing.arguments.get("alternate-exchange"));
        if (detail != null) {
            throw AmqpException.preconditionFailed("inequivalent arg 'alternate-exchange'" + where + detail);
        }
    }

    private static void checkEquivalent(String arg, String where, Object received, Object current) {
        if (!Objects.equals(received, current)) {
            throw AmqpException.preconditionFailed("inequivalent arg '" + arg + "'" + where + "received '" + received
                    + "' but current is '" + current + "'");
        }
    }

    void deleteExchange(String name, boolean ifUnused) {
        if (name.isEmpty()) {
            throw defaultExchangeRefused();
        }
        if (name.startsWith("amq.")) {
            throw AmqpException.accessRefused(
                    "deletion of system exchange '" + name + "'" + inVhost() + " not allowed");
        }
        Exchange ex = exchanges.get(name);
        if (ex == null) {
            return;
        }
        if (ifUnused && (!ex.bindings.isEmpty() || isDestination(name))) {
            throw AmqpException.preconditionFailed("exchange '" + name + "'" + inVhost() + " in use");
        }
        removeExchange(ex);
    }

    private boolean isDestination(String exchangeName) {
        for (Exchange e : exchanges.values()) {
            for (Binding b : e.bindings) {
                if (b.toExchange() && b.destination().equals(exchangeName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void removeExchange(Exchange ex) {
        exchanges.remove(ex.name);
        if (ex.durable) {
            vhost.store().exchangeDeleted(ex.name);
        }
        ex.bindings.clear();
        removeBindingsTo(ex.name, true);
    }

    private void removeBindingsTo(String destination, boolean toExchange) {
        for (Exchange e : new ArrayList<>(exchanges.values())) {
            boolean removed = e.bindings.removeIf(
                    b -> b.toExchange() == toExchange && b.destination().equals(destination));
            if (removed) {
                maybeAutoDelete(e);
            }
        }
    }

    private void maybeAutoDelete(Exchange e) {
        if (e.autoDelete && e.hadBinding && e.bindings.isEmpty() && exchanges.get(e.name) == e) {
            removeExchange(e);
        }
    }

    void bind(
            String source,
            String destination,
            boolean toExchange,
            String key,
            Map<String, Object> args,
            ClientConnection conn) {
        if (source.isEmpty() || (toExchange && destination.isEmpty())) {
            throw defaultExchangeRefused();
        }
        if (!toExchange) {
            accessibleQueue(destination, conn);
        } else {
            existingExchange(destination);
        }
        Exchange ex = existingExchange(source);
        if (ex.type == ExchangeType.HEADERS) {
            Object xMatch = args.get("x-match");
            if (xMatch != null) {
                String m = xMatch.toString();
                if (!(xMatch instanceof LongString || xMatch instanceof String)
                        || !List.of("all", "any", "all-with-x", "any-with-x").contains(m)) {
                    throw AmqpException.preconditionFailed("Invalid x-match field value <<\"" + m
                            + "\">>; expected all, any, all-with-x, or any-with-x");
                }
            }
        }
        Binding b = new Binding(source, destination, toExchange, key, args);
        if (!ex.bindings.contains(b)) {
            ex.bindings.add(b);
            ex.hadBinding = true;
            if (ex.durable && durableDestination(destination, toExchange)) {
                vhost.store().bindingAdded(new MessageStore.BindingDef(source, destination, toExchange, key, args));
            }
        }
    }

    void unbind(
            String source,
            String destination,
            boolean toExchange,
            String key,
            Map<String, Object> args,
            ClientConnection conn) {
        if (source.isEmpty() || (toExchange && destination.isEmpty())) {
            throw defaultExchangeRefused();
        }
        // As RabbitMQ 3.10 (checked by BindingConformanceTest): unbinding what does not exist -- an
        // unknown queue, exchange or binding -- succeeds and changes nothing.
        Exchange ex = exchanges.get(source);
        Binding binding = new Binding(source, destination, toExchange, key, args);
        if (ex == null || !ex.bindings.contains(binding)) {
            return;
        }
        if (!toExchange) {
            accessibleQueue(destination, conn);
        }
        if (ex.bindings.remove(binding)) {
            if (ex.durable && durableDestination(destination, toExchange)) {
                vhost.store().bindingRemoved(new MessageStore.BindingDef(source, destination, toExchange, key, args));
            }
            maybeAutoDelete(ex);
        }
    }

    private boolean durableDestination(String destination, boolean toExchange) {
        if (toExchange) {
            Exchange e = exchanges.get(destination);
            return e != null && e.durable;
        }
        MessageQueue q = queues.get(destination);
        return q != null && q.durable && !q.exclusive;
    }

    /** Restores durable topology recovered by the store, before any client connects. */
    void restore(MessageStore.Topology recovered) {
        for (MessageStore.ExchangeDef e : recovered.exchanges()) {
            ExchangeType type = ExchangeType.fromWireName(e.type());
            if (type != null && !exchanges.containsKey(e.name())) {
                Exchange restored = new Exchange(e.name(), type, true, e.autoDelete(), e.internal(), e.arguments());
                restored.applyPolicy(vhost.policies().forExchange(e.name()).orElse(null));
                exchanges.put(e.name(), restored);
            }
        }
        for (MessageStore.QueueDef d : recovered.queues()) {
            QueueArguments options = QueueArguments.parse(d.name(), vhost.name(), d.arguments());
            queues.put(
                    d.name(),
                    new MessageQueue(
                            vhost,
                            d.name(),
                            true,
                            false,
                            d.autoDelete(),
                            d.arguments(),
                            options,
                            null,
                            vhost.store().open(vhost.name(), d.name(), true)));
        }
        for (MessageStore.BindingDef b : recovered.bindings()) {
            Exchange source = exchanges.get(b.source());
            boolean destinationExists =
                    b.toExchange() ? exchanges.containsKey(b.destination()) : queues.containsKey(b.destination());
            if (source != null && destinationExists) {
                Binding binding =
                        new Binding(b.source(), b.destination(), b.toExchange(), b.routingKey(), b.arguments());
                if (!source.bindings.contains(binding)) {
                    source.bindings.add(binding);
                    source.hadBinding = true;
                }
            }
        }
    }

    /** Result of {@code queue.declare}. */
    record Declared(String queue, int messageCount, int consumerCount) {}

    Declared declareQueue(
            String name,
            boolean serverNamed,
            boolean passive,
            boolean durable,
            boolean exclusive,
            boolean autoDelete,
            Map<String, Object> args,
            ClientConnection conn) {
        MessageQueue existing = queues.get(name);
        if (passive) {
            if (existing == null) {
                throw noQueue(name);
            }
            checkExclusive(existing, conn);
            existing.touch();
            return new Declared(name, existing.messageCount(), existing.consumerCount());
        }
        if (existing != null && !(existing.exclusive && existing.owner != conn)) {
            if (existing.exclusive != exclusive) {
                throw locked(name);
            }
            String where = " for queue '" + name + "'" + inVhost() + ": ";
            checkEquivalent("durable", where, durable, existing.durable);
            checkEquivalent("auto_delete", where, autoDelete, existing.autoDelete);
            QueueArguments.parse(name, vhost.name(), args);
            for (String key : QueueArguments.EQUIVALENCE_KEYS) {
                String detail = QueueArguments.inequivalence(key, args.get(key), existing.arguments.get(key));
                if (detail != null) {
                    throw AmqpException.preconditionFailed("inequivalent arg '" + key + "'" + where + detail);
                }
            }
            existing.touch();
            return new Declared(name, existing.messageCount(), existing.consumerCount());
        }
        if (!serverNamed && name.startsWith("amq.")) {
            throw AmqpException.accessRefused("queue name '" + name + "' contains reserved prefix 'amq.*'");
        }
        if (existing != null) {
            throw locked(name);
        }
        QueueArguments options = QueueArguments.parse(name, vhost.name(), args);
        if (options.quorum()) {
            String invalid =
                    !durable ? "non-durable" : exclusive ? "exclusive-owner" : autoDelete ? "auto-delete" : null;
            if (invalid != null) {
                throw AmqpException.preconditionFailed(
                        "invalid property '" + invalid + "' for queue '" + name + "'" + inVhost());
            }
        }
        MessageQueue q = new MessageQueue(
                vhost,
                name,
                durable,
                exclusive,
                autoDelete,
                args,
                options,
                exclusive ? conn : null,
                vhost.store().open(vhost.name(), name, durable && !exclusive));
        queues.put(name, q);
        if (durable && !exclusive) {
            vhost.store().queueDeclared(new MessageStore.QueueDef(name, autoDelete, args));
        }
        if (exclusive) {
            conn.ownExclusive(q);
        }
        return new Declared(name, 0, 0);
    }

    int deleteQueue(String name, boolean ifUnused, boolean ifEmpty, ClientConnection conn) {
        MessageQueue q = queues.get(name);
        if (q == null) {
            return 0;
        }
        checkExclusive(q, conn);
        if (ifUnused && q.consumerCount() > 0) {
            throw AmqpException.preconditionFailed("queue '" + name + "'" + inVhost() + " in use");
        }
        if (ifEmpty && q.messageCount() > 0) {
            throw AmqpException.preconditionFailed("queue '" + name + "'" + inVhost() + " not empty");
        }
        int count = q.messageCount();
        removeQueue(q);
        return count;
    }

    void removeQueue(MessageQueue q) {
        if (queues.get(q.name) != q) {
            return;
        }
        queues.remove(q.name);
        q.purge();
        removeBindingsTo(q.name, false);
        if (q.owner != null) {
            q.owner.disownExclusive(q);
        }
        for (Consumer c : q.markDeleted()) {
            c.session.consumerGone(c);
        }
        vhost.store().delete(vhost.name(), q.name);
    }

    int purge(String name, ClientConnection conn) {
        return accessibleQueue(name, conn).purge();
    }
}
