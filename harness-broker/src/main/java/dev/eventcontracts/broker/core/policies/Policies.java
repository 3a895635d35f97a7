package dev.eventcontracts.broker.core.policies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The policies of one virtual host, by name. Not thread-safe: owned by the virtual host's thread
 * (the broker's own builder fills it before start).
 */
public final class Policies {
    private final Map<String, Policy> byName = new TreeMap<>();
    private final Map<String, Pattern> compiled = new HashMap<>();

    /** Adds or replaces a policy by name; true when it is new. */
    public boolean put(Policy policy) {
        compiled.put(policy.name(), Pattern.compile(policy.pattern()));
        return byName.put(policy.name(), policy) == null;
    }

    /** Removes a policy; the removed one, or empty. */
    public Optional<Policy> remove(String name) {
        compiled.remove(name);
        return Optional.ofNullable(byName.remove(name));
    }

    /** One policy by name. */
    public Optional<Policy> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every policy, sorted by name. */
    public List<Policy> all() {
        return List.copyOf(byName.values());
    }

    /** The policy in force for a queue: the highest priority among the matching ones. */
    public Optional<Policy> forQueue(String queue) {
        return effective(queue, true);
    }

    /** The policy in force for an exchange. */
    public Optional<Policy> forExchange(String exchange) {
        return effective(exchange, false);
    }

    private Optional<Policy> effective(String name, boolean queue) {
        List<Policy> matching = new ArrayList<>();
        for (Policy p : byName.values()) {
            if (p.appliesTo(queue) && compiled.get(p.name()).matcher(name).find()) {
                matching.add(p);
            }
        }
        return matching.stream()
                .max(Comparator.comparingInt(Policy::priority).thenComparing(Policy::name, Comparator.reverseOrder()));
    }
}
