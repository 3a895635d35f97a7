package dev.eventcontracts.junit.internal.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the effects of a scenario run with the effects of a baseline run (each message
 * delivered once) and says what differs in words: counts of published messages per exchange and
 * routing key, HTTP requests per method and path, and state values that changed differently.
 * Order does not matter for messages and requests; they are compared as multisets.
 */
public final class EffectDiff {

    private static final int MAX_STATE_DIFFERENCES = 3;

    private EffectDiff() {}

    /**
     * The differences, empty when the runs are equivalent.
     *
     * @param initialState the state before any delivery, to say where values started
     */
    public static List<String> differences(Effects expected, Effects actual, JsonNode initialState) {
        List<String> out = new ArrayList<>();
        out.addAll(multiset(
                expected.messages(),
                actual.messages(),
                m -> "on exchange '" + m.exchange() + "' with routing key '" + m.routingKey() + "'",
                Effects.Message::body,
                "message",
                "published"));
        out.addAll(multiset(
                expected.http(),
                actual.http(),
                h -> h.method() + " " + h.path(),
                Effects.HttpCall::body,
                "request",
                "sent"));
        if (!expected.state().equals(actual.state())) {
            List<String> state = new ArrayList<>();
            stateDiff("", expected.state(), actual.state(), initialState, state);
            if (state.isEmpty()) {
                state.add("state is " + actual.state() + " (expected " + expected.state() + ")");
            }
            out.addAll(state.subList(0, Math.min(MAX_STATE_DIFFERENCES, state.size())));
        }
        return out;
    }

    private static <T> List<String> multiset(
            List<T> expected,
            List<T> actual,
            Function<T, String> group,
            Function<T, String> body,
            String noun,
            String verb) {
        Map<String, List<T>> want =
                expected.stream().collect(Collectors.groupingBy(group, TreeMap::new, Collectors.toList()));
        Map<String, List<T>> got =
                actual.stream().collect(Collectors.groupingBy(group, TreeMap::new, Collectors.toList()));
        Set<String> keys = new LinkedHashSet<>(want.keySet());
        keys.addAll(got.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            List<T> w = want.getOrDefault(key, List.of());
            List<T> g = got.getOrDefault(key, List.of());
            if (w.size() != g.size()) {
                out.add(describeCount(noun, verb, key, g.size(), w.size()));
            } else {
                List<String> wb = w.stream().map(body).sorted().toList();
                List<String> gb = g.stream().map(body).sorted().toList();
                if (!wb.equals(gb)) {
                    String first =
                            gb.stream().filter(b -> !wb.contains(b)).findFirst().orElse("?");
                    String expectedBody =
                            wb.stream().filter(b -> !gb.contains(b)).findFirst().orElse("?");
                    out.add(verb + " a different " + noun + " " + key + ": " + abbreviate(first) + " (expected "
                            + abbreviate(expectedBody) + "; if the difference is an id or timestamp, add its path to"
                            + " ignoreEffectPaths)");
                }
            }
        }
        return out;
    }

    private static String describeCount(String noun, String verb, String key, int got, int want) {
        if (noun.equals("message")) {
            return verb + " " + got + " " + plural(noun, got) + " " + key + " (expected " + want + ")";
        }
        return verb + " " + got + " " + key + " " + plural(noun, got) + " to the HTTP stub (expected " + want + ")";
    }

    private static String plural(String noun, int n) {
        return n == 1 ? noun : noun + "s";
    }

    private static void stateDiff(String path, JsonNode want, JsonNode got, JsonNode initial, List<String> out) {
        if (want.equals(got)) {
            return;
        }
        if (want.isObject() && got.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            want.fieldNames().forEachRemaining(names::add);
            got.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                stateDiff(
                        child,
                        node(want.get(name)),
                        node(got.get(name)),
                        node(initial == null ? null : initial.get(name)),
                        out);
            }
            return;
        }
        String where = path.isEmpty() ? "state" : "state '" + path + "'";
        JsonNode start = initial == null ? MissingNode.getInstance() : initial;
        if (start.isMissingNode() || start.equals(want) && start.equals(got)) {
            out.add(where + " is " + text(got) + " (expected " + text(want) + ")");
        } else {
            out.add(where + " went from " + text(start) + " to " + text(got) + " (expected " + text(want) + ")");
        }
    }

    private static JsonNode node(JsonNode n) {
        return n == null ? MissingNode.getInstance() : n;
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode()) {
            return "absent";
        }
        return abbreviate(node.isTextual() ? node.asText() : node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Joins differences as "a, b and c". */
    public static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        Iterator<String> it = parts.iterator();
        StringBuilder sb = new StringBuilder(it.next());
        for (int i = 1; i < parts.size(); i++) {
            sb.append(i == parts.size() - 1 ? " and " : ", ").append(it.next());
        }
        return sb.toString();
    }
}
