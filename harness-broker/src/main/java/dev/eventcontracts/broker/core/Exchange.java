package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.core.policies.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An exchange and its outgoing bindings. Owned by its {@link VirtualHost}'s thread. */
final class Exchange {
    final String name;
    final ExchangeType type;
    final boolean durable;
    final boolean autoDelete;
    final boolean internal;
    final Map<String, Object> arguments;
    /** The alternate exchange in force: the argument, else the exchange's policy. */
    String alternateExchange;

    final List<Binding> bindings = new ArrayList<>();
    boolean hadBinding;

    Exchange(
            String name,
            ExchangeType type,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> arguments) {
        this.name = name;
        this.type = type;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = arguments;
        Object ae = arguments.get("alternate-exchange");
        this.alternateExchange = ae == null ? null : ae.toString();
    }

    /** Applies the policy in force (or none): {@code alternate-exchange} unless the argument sets one. */
    void applyPolicy(Policy policy) {
        Object ae = arguments.get("alternate-exchange");
        Object fromPolicy = policy == null ? null : policy.get("alternate-exchange");
        alternateExchange = ae != null ? ae.toString() : fromPolicy instanceof String p ? p : null;
    }

    boolean isDefault() {
        return name.isEmpty();
    }
}
