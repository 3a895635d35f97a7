package dev.eventcontracts.broker.store.log;

import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.MessageStore.BindingDef;
import dev.eventcontracts.broker.store.MessageStore.ExchangeDef;
import dev.eventcontracts.broker.store.MessageStore.QueueDef;
import dev.eventcontracts.broker.store.MessageStore.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable exchanges, queues and bindings that the log's topology records add up to, kept
 * both during recovery and while running, so compaction can write a snapshot of them before it
 * deletes the segments that held the original records.
 */
final class DurableTopology {
    private final Map<String, ExchangeDef> exchanges = new LinkedHashMap<>();
    private final Map<String, QueueDef> queues = new LinkedHashMap<>();
    private final Set<BindingDef> bindings = new LinkedHashSet<>();
    private List<MessageStore.PolicyDef> policies = List.of();

    /** Applies a topology record; returns false for message records. */
    boolean apply(LogRecord r) {
        if (r instanceof LogRecord.ExchangeDeclared e) {
            exchanges.put(e.def().name(), e.def());
        } else if (r instanceof LogRecord.ExchangeDeleted e) {
            exchanges.remove(e.name());
            bindings.removeIf(b -> b.source().equals(e.name())
                    || (b.toExchange() && b.destination().equals(e.name())));
        } else if (r instanceof LogRecord.QueueDeclared q) {
            queues.put(q.def().name(), q.def());
        } else if (r instanceof LogRecord.QueueDeleted q) {
            queues.remove(q.name());
            bindings.removeIf(b -> !b.toExchange() && b.destination().equals(q.name()));
        } else if (r instanceof LogRecord.PoliciesSet p) {
            policies = p.policies();
        } else if (r instanceof LogRecord.BindingChanged b) {
            if (b.added()) {
                bindings.add(b.def());
            } else {
                bindings.remove(b.def());
            }
        } else {
            return false;
        }
        return true;
    }

    boolean hasQueue(String name) {
        return queues.containsKey(name);
    }

    /** The policies in force, as the latest record set them. */
    List<MessageStore.PolicyDef> policies() {
        return policies;
    }

    /** The current state as an immutable value. */
    Topology toTopology() {
        return new Topology(List.copyOf(exchanges.values()), List.copyOf(queues.values()), List.copyOf(bindings));
    }

    /** Records that re-create the current state, in dependency order. */
    List<LogRecord> snapshot() {
        List<LogRecord> out = new ArrayList<>();
        exchanges.values().forEach(e -> out.add(new LogRecord.ExchangeDeclared(e)));
        queues.values().forEach(q -> out.add(new LogRecord.QueueDeclared(q)));
        bindings.forEach(b -> out.add(new LogRecord.BindingChanged(b, true)));
        if (!policies.isEmpty()) {
            out.add(new LogRecord.PoliciesSet(policies));
        }
        return out;
    }
}
