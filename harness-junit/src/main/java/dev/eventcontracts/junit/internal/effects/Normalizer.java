package dev.eventcontracts.junit.internal.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns bodies and state into comparable, canonical JSON with volatile paths removed. A path is
 * dotted ({@code shipment.id}); {@code *} matches any field or array element.
 */
public final class Normalizer {

    private final ObjectMapper mapper;
    private final List<String[]> ignored = new ArrayList<>();

    /** A normalizer removing {@code ignorePaths}. */
    public Normalizer(ObjectMapper mapper, List<String> ignorePaths) {
        this.mapper = mapper;
        ignorePaths.forEach(p -> ignored.add(p.split("\\.")));
    }

    /** A body as canonical JSON when it parses, else as UTF-8 text, else base64. */
    public String body(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree != null && (tree.isObject() || tree.isArray())) {
                return mapper.writeValueAsString(canonical(strip(tree)));
            }
        } catch (java.io.IOException notJson) {
            // fall through to text
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException binary) {
            return "base64:" + Base64.getEncoder().encodeToString(body);
        }
    }

    /** The fixture state as a canonical JSON tree; objects Jackson cannot map become their text. */
    public JsonNode state(Object state) {
        if (state == null) {
            return NullNode.getInstance();
        }
        JsonNode tree;
        try {
            tree = mapper.valueToTree(state);
        } catch (IllegalArgumentException e) {
            tree = TextNode.valueOf(String.valueOf(state));
        }
        return canonical(strip(tree));
    }

    private JsonNode strip(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        for (String[] path : ignored) {
            remove(copy, path, 0);
        }
        return copy;
    }

    private static void remove(JsonNode node, String[] path, int i) {
        if (node == null || i >= path.length) {
            return;
        }
        boolean last = i == path.length - 1;
        if (node instanceof ObjectNode object) {
            if (path[i].equals("*")) {
                if (last) {
                    object.removeAll();
                } else {
                    object.elements().forEachRemaining(child -> remove(child, path, i + 1));
                }
            } else if (last) {
                object.remove(path[i]);
            } else {
                remove(object.get(path[i]), path, i + 1);
            }
        } else if (node instanceof ArrayNode array) {
            // "*" selects every element; any other segment looks through the array into each element
            int next = path[i].equals("*") ? i + 1 : i;
            if (next == path.length) {
                array.removeAll();
            } else {
                array.elements().forEachRemaining(child -> remove(child, path, next));
            }
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                sorted.put(name, canonical(object.get(name)));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.elements().forEachRemaining(e -> out.add(canonical(e)));
            return out;
        }
        return node;
    }
}
