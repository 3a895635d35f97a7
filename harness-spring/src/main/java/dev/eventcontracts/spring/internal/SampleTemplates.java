package dev.eventcontracts.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of published samples in effects by the path they came from: the listener
 * publishes {@code "parcelId-3"} for sample 3 and {@code "parcelId-7"} for sample 7, and both
 * read {@code "<parcelId>"}, so the effects of two new events compare by body. Only texts of
 * three characters or more and whole numbers of three digits or more are replaced, longest first,
 * never inside a longer word or number.
 */
final class SampleTemplates {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private List<Map.Entry<Pattern, String>> patterns = List.of();

    /** Learns the values of a good sample's JSON body; other bodies are ignored. */
    synchronized void learn(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException | RuntimeException notJson) {
            return;
        }
        learn(tree);
    }

    /**
     * Learns the values of a good sample given as a tree of its fields (a sample whose body is not
     * JSON, such as an Avro record's); anything but an object or array is ignored.
     */
    synchronized void learn(JsonNode tree) {
        if (tree == null || !tree.isContainerNode()) {
            return;
        }
        int before = placeholders.size();
        collect(tree, "");
        if (placeholders.size() != before) {
            List<Map.Entry<Pattern, String>> sorted = new ArrayList<>();
            placeholders.entrySet().stream()
                    .sorted(Comparator.comparing(
                                    (Map.Entry<String, String> e) -> e.getKey().length())
                            .reversed())
                    .forEach(e -> sorted.add(Map.entry(
                            Pattern.compile("(?<![\\p{Alnum}_.-])" + Pattern.quote(e.getKey()) + "(?![\\p{Alnum}_])"),
                            Matcher.quoteReplacement("<" + e.getValue() + ">"))));
            patterns = List.copyOf(sorted);
        }
    }

    private void collect(JsonNode node, String path) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            f -> collect(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey()));
        } else if (node.isArray()) {
            node.forEach(e -> collect(e, path));
        } else if (node.isTextual() && node.asText().length() >= 3) {
            placeholders.putIfAbsent(node.asText(), path);
        } else if (node.isIntegralNumber() && Math.abs(node.asLong()) >= 100) {
            placeholders.putIfAbsent(node.asText(), path);
        }
    }

    /** {@code text} with every learnt sample value replaced by {@code <path>}. */
    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<Pattern, String> p : patterns) {
            out = p.getKey().matcher(out).replaceAll(p.getValue());
        }
        return out;
    }
}
