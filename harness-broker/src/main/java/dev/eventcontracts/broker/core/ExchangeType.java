package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.LongString;
import java.util.Map;
import java.util.Objects;

/** The exchange types and how each matches a binding against a routing key and headers. */
public enum ExchangeType {
    /** Exact routing-key match. */
    DIRECT("direct"),
    /** Every binding matches. */
    FANOUT("fanout"),
    /** Dot-separated words with {@code *} (one word) and {@code #} (zero or more words). */
    TOPIC("topic"),
    /** Header match by {@code x-match} all / any / all-with-x / any-with-x. */
    HEADERS("headers");

    private final String wireName;

    ExchangeType(String wireName) {
        this.wireName = wireName;
    }

    /** The type name on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null. */
    public static ExchangeType fromWireName(String name) {
        for (ExchangeType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@code binding} matches a message with {@code routingKey} and {@code headers}. */
    public boolean matches(Binding binding, String routingKey, Map<String, Object> headers) {
        return switch (this) {
            case DIRECT -> binding.routingKey().equals(routingKey);
            case FANOUT -> true;
            case TOPIC -> topicMatches(binding.routingKey(), routingKey);
            case HEADERS -> headersMatch(binding.arguments(), headers);
        };
    }

    static boolean topicMatches(String pattern, String key) {
        return topic(pattern.split("\\.", -1), 0, key.split("\\.", -1), 0);
    }

    private static boolean topic(String[] p, int pi, String[] k, int ki) {
        while (pi < p.length) {
            String word = p[pi];
            if (word.equals("#")) {
                if (pi == p.length - 1) {
                    return true;
                }
                for (int skip = ki; skip <= k.length; skip++) {
                    if (topic(p, pi + 1, k, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (ki >= k.length) {
                return false;
            }
            if (!word.equals("*") && !word.equals(k[ki])) {
                return false;
            }
            pi++;
            ki++;
        }
        return ki == k.length;
    }

    static boolean headersMatch(Map<String, Object> bindingArgs, Map<String, Object> headers) {
        Object xMatch = bindingArgs == null ? null : bindingArgs.get("x-match");
        String mode = xMatch == null ? "all" : xMatch.toString();
        boolean any = mode.startsWith("any");
        boolean withX = mode.endsWith("-with-x");
        if (bindingArgs != null) {
            for (Map.Entry<String, Object> e : bindingArgs.entrySet()) {
                String key = e.getKey();
                if (key.equals("x-match") || (!withX && key.startsWith("x-"))) {
                    continue;
                }
                boolean matched = headers != null
                        && headers.containsKey(key)
                        && (e.getValue() == null || valueEquals(e.getValue(), headers.get(key)));
                if (any && matched) {
                    return true;
                }
                if (!any && !matched) {
                    return false;
                }
            }
        }
        return !any;
    }

    private static boolean valueEquals(Object expected, Object actual) {
        if (expected instanceof LongString || expected instanceof String) {
            return actual != null
                    && expected.toString().equals(actual.toString())
                    && (actual instanceof LongString || actual instanceof String);
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return a.getClass() == b.getClass() ? a.equals(b) : a.longValue() == b.longValue();
        }
        return Objects.equals(expected, actual);
    }
}
