package dev.eventcontracts.broker.core.policies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates a policy definition the way RabbitMQ 3.10 does, with its texts. Values are what a
 * JSON parser gives: {@link String}, {@link Long} (integers), {@link Double}, {@link Boolean},
 * {@link List}, {@link Map}. Keys the harness acts on are listed in docs/broker.md, Policies;
 * the other keys RabbitMQ 3.10 recognises (mirroring, quorum and locator settings) are accepted
 * and kept, so production definitions load, but change nothing.
 */
final class PolicyDefinition {
    private PolicyDefinition() {}

    /** Keys that RabbitMQ 3.10 accepts but the single-node harness does not act on. */
    private static final Set<String> ACCEPTED_ONLY = Set.of(
            "ha-mode",
            "ha-params",
            "ha-sync-mode",
            "ha-sync-batch-size",
            "ha-promote-on-shutdown",
            "ha-promote-on-failure",
            "queue-master-locator",
            "queue-leader-locator",
            "max-in-memory-length",
            "max-in-memory-bytes",
            "dead-letter-strategy",
            "queue-version",
            "initial-cluster-size");

    /**
     * Checks every key and returns the definition with integers as {@link Long}, keys sorted.
     *
     * @throws PolicyException naming the first refused key, RabbitMQ's text and the fix
     */
    static Map<String, Object> validate(Map<String, Object> definition) {
        if (definition == null || definition.isEmpty()) {
            throw new PolicyException(
                    "no policy provided; give a definition such as {\"max-length\":1000}", "definition");
        }
        List<String> unknown = new ArrayList<>();
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : definition.entrySet()) {
            Object value = normalize(e.getValue());
            String key = e.getKey();
            if (!check(key, value, definition)) {
                unknown.add("{<<\"" + key + "\">>," + erlang(value) + "}");
            }
            out.put(key, value);
        }
        if (!unknown.isEmpty()) {
            throw new PolicyException(
                    "[" + String.join(",", unknown) + "] are not recognised policy settings; use the keys listed in"
                            + " docs/broker.md, Policies (e.g. dead-letter-exchange, message-ttl, max-length)",
                    "definition");
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }

    /** True when the key is recognised (and its value valid); false when unknown. */
    private static boolean check(String key, Object v, Map<String, Object> all) {
        switch (key) {
            case "dead-letter-exchange" -> string(key, v, "dead letter exchange name", "an exchange name");
            case "dead-letter-routing-key" -> string(key, v, "dead letter routing key", "a routing key");
            case "alternate-exchange" -> string(key, v, "alternate exchange name", "an exchange name");
            case "message-ttl" -> integer(key, v, 0, "message TTL", "milliseconds, e.g. 60000");
            case "expires" -> integer(key, v, 1, "queue expiry", "milliseconds above 0, e.g. 1800000");
            case "max-length" -> integer(key, v, 0, "maximum length", "a non-negative integer, e.g. 1000");
            case "max-length-bytes" ->
                integer(key, v, 0, "maximum length in bytes", "a non-negative integer, e.g. 1048576");
            case "delivery-limit" -> integer(key, v, 0, "delivery limit", "a non-negative integer, e.g. 20");
            case "overflow" ->
                oneOf(key, v, "overflow value", List.of("drop-head", "reject-publish", "reject-publish-dlx"));
            case "queue-mode" -> oneOf(key, v, "queue-mode value", List.of("default", "lazy"));
            case "ha-mode" -> {
                oneOf(key, v, "ha-mode value", List.of("all", "exactly", "nodes"));
                if (!"all".equals(v) && all.get("ha-params") == null) {
                    throw new PolicyException(
                            "ha-mode=\"" + v + "\" takes " + ("exactly".equals(v) ? "an integer" : "a list")
                                    + ", none given; add \"ha-params\"",
                            "ha-params");
                }
            }
            default -> {
                return ACCEPTED_ONLY.contains(key);
            }
        }
        return true;
    }

    private static void string(String key, Object v, String what, String example) {
        if (!(v instanceof String)) {
            throw refused(key, v, what, "use a string, " + example);
        }
    }

    private static void integer(String key, Object v, long min, String what, String fix) {
        if (!(v instanceof Long n) || n < min) {
            throw refused(key, v, what, "use " + fix);
        }
    }

    private static void oneOf(String key, Object v, String what, List<String> allowed) {
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw refused(key, v, what, "use one of " + allowed);
        }
    }

    private static PolicyException refused(String key, Object v, String what, String fix) {
        return new PolicyException(
                erlang(v) + " is not a valid " + what + " (definition key '" + key + "'); " + fix, key);
    }

    /** Integers of any width become {@link Long}; lists and maps are normalized deeply. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(PolicyDefinition::normalize).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return out;
        }
        return v;
    }

    /** A value as RabbitMQ prints it in validation errors: {@code <<"text">>}, {@code 12}, {@code 1.5}. */
    static String erlang(Object v) {
        if (v instanceof String s) {
            return "<<\"" + s + "\">>";
        }
        if (v == null) {
            return "null";
        }
        return String.valueOf(v);
    }
}
