package dev.eventcontracts.broker.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where queues keep their messages and durable topology lives. The narrow seam durability plugs
 * into: the core opens one {@link QueueStore} per queue and deletes it with the queue, reports
 * durable exchanges, queues and bindings as they change, and asks for {@link #afterSync} before
 * confirming a persistent message. The in-memory store keeps nothing beyond the process.
 */
public interface MessageStore {

    /** Opens (or creates) the store of a queue; a durable one starts with its recovered messages. */
    QueueStore open(String virtualHost, String queue, boolean durable);

    /** Deletes the store of a queue and everything in it. */
    void delete(String virtualHost, String queue);

    /** Durable topology found at start-up, to restore before any client connects. */
    default Topology recovered() {
        return Topology.EMPTY;
    }

    /** A durable exchange was declared. */
    default void exchangeDeclared(ExchangeDef exchange) {}

    /** A durable exchange was deleted (its bindings go with it). */
    default void exchangeDeleted(String name) {}

    /** A durable queue was declared. */
    default void queueDeclared(QueueDef queue) {}

    /** A binding between durable ends was added. */
    default void bindingAdded(BindingDef binding) {}

    /** A binding was removed. */
    default void bindingRemoved(BindingDef binding) {}

    /** The policies of the virtual host changed; {@code all} is the complete set now in force. */
    default void policiesChanged(List<PolicyDef> all) {}

    /** Policies found at start-up, to put in force before the topology is restored. */
    default List<PolicyDef> recoveredPolicies() {
        return List.of();
    }

    /**
     * Runs {@code done} once everything written so far is on disk ({@code true}) or could not be
     * written ({@code false}). The in-memory store answers {@code true} at once.
     */
    default void afterSync(Consumer<Boolean> done) {
        done.accept(true);
    }

    /**
     * Why the store stopped writing (short enough for a close reason), or empty while it works.
     * Persistent publishes without confirms fail the connection from then on.
     */
    default String writeFailure() {
        return "";
    }

    /** A durable exchange as stored. */
    record ExchangeDef(String name, String type, boolean autoDelete, boolean internal, Map<String, Object> arguments) {}

    /** A durable queue as stored. */
    record QueueDef(String name, boolean autoDelete, Map<String, Object> arguments) {}

    /**
     * A policy as stored: {@code applyTo} is {@code queues}, {@code exchanges} or {@code all}; the
     * definition holds JSON values (strings, longs, doubles, booleans, lists, maps).
     */
    record PolicyDef(String name, String pattern, String applyTo, int priority, Map<String, Object> definition) {}

    /** A binding as stored. */
    record BindingDef(
            String source, String destination, boolean toExchange, String routingKey, Map<String, Object> arguments) {}

    /** Durable topology in declaration order. */
    record Topology(List<ExchangeDef> exchanges, List<QueueDef> queues, List<BindingDef> bindings) {
        /** Nothing stored. */
        public static final Topology EMPTY = new Topology(List.of(), List.of(), List.of());
    }
}
