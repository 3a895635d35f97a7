package dev.eventcontracts.junit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What the scenarios read from and make of JSON bodies whatever Jackson the consumer uses: the
 * value at a dotted path (to name a sample by its idempotency key), and a document of the wrong
 * shape (docs/contract-tests.md, scenario (h)).
 */
public final class JsonDocuments {

    private static final ObjectMapper TREES = new ObjectMapper();

    private JsonDocuments() {}

    /** The JSON object {@code body} holds, or empty when it is not a JSON object. */
    public static Optional<ObjectNode> object(byte[] body) {
        try {
            JsonNode node = TREES.readTree(body);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The scalar at dotted {@code path} of {@code body}, as text, or empty. */
    public static Optional<String> valueAt(byte[] body, String path) {
        Optional<ObjectNode> root = object(body);
        if (root.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = root.get();
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
    }

    /**
     * {@code body} with the scalar at dotted {@code path} replaced: by {@code text} when it holds
     * text, by {@code number} when it holds a number (records of one Kafka key, docs/kafka.md §4.3
     * (o)). Empty when {@code body} is not a JSON object with a text or number at {@code path}.
     */
    public static Optional<byte[]> withValueAt(byte[] body, String path, String text, long number) {
        Optional<ObjectNode> root = object(body);
        if (root.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = path.split("\\.");
        JsonNode holder = root.get();
        for (int i = 0; i < parts.length - 1; i++) {
            holder = holder.path(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        JsonNode value = holder instanceof ObjectNode o ? o.get(leaf) : null;
        if (value == null) {
            return Optional.empty();
        }
        ObjectNode o = (ObjectNode) holder;
        if (value.isTextual()) {
            o.put(leaf, text);
        } else if (value.isIntegralNumber()) {
            o.put(leaf, number);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(TREES.writeValueAsBytes(root.get()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A well-formed JSON document with the same fields as the object {@code body}, every one of
     * them holding a value of the wrong type: an array where an object was, an object where a
     * scalar or an array was. Empty when {@code body} is not a JSON object with fields.
     */
    public static Optional<byte[]> wrongTypes(byte[] body) {
        Optional<ObjectNode> root = object(body);
        if (root.isEmpty() || root.get().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = TREES.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isObject()) {
                out.putArray(field.getKey()).add("event-contracts: wrong type");
            } else {
                out.putObject(field.getKey()).put("eventContracts", "wrong type");
            }
        }
        try {
            return Optional.of(TREES.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
