package dev.eventcontracts.registry.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;

/**
 * Test fixture: random record schemas and random evolutions of them (fields added and removed
 * with and without defaults, types changed and promoted, enum symbols, enum defaults, fixed sizes,
 * union branches, renames with and without aliases, namespaces, logical types). Deterministic per
 * seed. Also used by the benchmark.
 */
public final class RandomEvolution {

    private static final String[] PRIMITIVES = {"int", "long", "float", "double", "string", "bytes", "boolean"};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Random random;
    private int names;

    public RandomEvolution(long seed) {
        this.random = new Random(seed);
    }

    /** A random top-level record named {@code name}. */
    public ObjectNode record(String name, int fields, int depth) {
        ObjectNode record = JSON.objectNode();
        record.put("type", "record");
        record.put("name", name);
        record.put("namespace", "shop");
        ArrayNode list = record.putArray("fields");
        for (int i = 0; i < fields; i++) {
            list.add(field("f" + names++, depth));
        }
        return record;
    }

    private ObjectNode field(String name, int depth) {
        ObjectNode field = JSON.objectNode();
        field.put("name", name);
        field.set("type", type(depth));
        if (random.nextInt(4) == 0) {
            withDefault(field);
        }
        return field;
    }

    private JsonNode type(int depth) {
        int pick = random.nextInt(depth > 0 ? 10 : 8);
        return switch (pick) {
            case 0, 1, 2 -> JSON.textNode(PRIMITIVES[random.nextInt(PRIMITIVES.length)]);
            case 3 -> enumType();
            case 4 -> {
                ObjectNode fixed = JSON.objectNode().put("type", "fixed").put("name", "X" + names++);
                yield fixed.put("size", 4 + 4 * random.nextInt(2));
            }
            case 5 ->
                JSON.objectNode().put("type", "array").put("items", PRIMITIVES[random.nextInt(PRIMITIVES.length)]);
            case 6 -> JSON.objectNode().put("type", "map").put("values", PRIMITIVES[random.nextInt(PRIMITIVES.length)]);
            case 7 -> {
                ArrayNode union = JSON.arrayNode().add("null");
                union.add(PRIMITIVES[random.nextInt(PRIMITIVES.length)]);
                if (random.nextBoolean()) {
                    String extra = PRIMITIVES[random.nextInt(PRIMITIVES.length)];
                    if (!contains(union, extra)) {
                        union.add(extra);
                    }
                }
                yield union;
            }
            case 8 -> JSON.arrayNode().add("null").add(record("R" + names++, 1 + random.nextInt(3), depth - 1));
            default -> record("R" + names++, 1 + random.nextInt(3), depth - 1);
        };
    }

    private ObjectNode enumType() {
        ObjectNode e = JSON.objectNode().put("type", "enum").put("name", "E" + names++);
        ArrayNode symbols = e.putArray("symbols");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            symbols.add("S" + i);
        }
        if (random.nextBoolean()) {
            e.put("default", "S0");
        }
        return e;
    }

    private static boolean contains(ArrayNode array, String text) {
        for (JsonNode node : array) {
            if (node.isTextual() && node.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private void withDefault(ObjectNode field) {
        JsonNode type = field.get("type");
        if (type.isTextual()) {
            switch (type.asText()) {
                case "int", "long" -> field.put("default", 0);
                case "float", "double" -> field.put("default", 0.5);
                case "boolean" -> field.put("default", false);
                default -> field.put("default", "");
            }
        } else if (type.isArray() && type.get(0).asText().equals("null")) {
            field.putNull("default");
        } else if (type.path("type").asText().equals("array")) {
            field.putArray("default");
        } else if (type.path("type").asText().equals("map")) {
            field.putObject("default");
        } else if (type.path("type").asText().equals("enum")) {
            field.put("default", type.get("symbols").get(0).asText());
        } else {
            field.set("type", JSON.arrayNode().add("null").add(type));
            field.putNull("default");
        }
    }

    /** A copy of {@code schema} with one to three random changes, somewhere in its records. */
    public ObjectNode evolve(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            List<ObjectNode> records = new ArrayList<>();
            collectRecords(copy, records);
            mutate(records.get(random.nextInt(records.size())));
        }
        return copy;
    }

    private static void collectRecords(JsonNode node, List<ObjectNode> out) {
        if (node.isObject() && node.path("type").asText().equals("record")) {
            out.add((ObjectNode) node);
            for (JsonNode field : node.get("fields")) {
                collectRecords(field.get("type"), out);
            }
        } else if (node.isArray()) {
            node.forEach(branch -> collectRecords(branch, out));
        }
    }

    private void mutate(ObjectNode record) {
        ArrayNode fields = (ArrayNode) record.get("fields");
        int op = random.nextInt(12);
        if (fields.isEmpty() || op == 0) {
            fields.add(field("f" + names++, 1));
            return;
        }
        ObjectNode field = (ObjectNode) fields.get(random.nextInt(fields.size()));
        JsonNode type = field.get("type");
        switch (op) {
            case 1 -> fields.remove(random.nextInt(fields.size()));
            case 2 -> {
                field.set("type", type(1));
                field.remove("default");
            }
            case 3 -> {
                if (field.has("default")) {
                    field.remove("default");
                } else {
                    withDefault(field);
                }
            }
            case 4 -> {
                String old = field.get("name").asText();
                field.put("name", old + "x");
                if (random.nextBoolean()) {
                    field.putArray("aliases").add(old);
                }
            }
            case 5 -> promote(field, type);
            case 6 -> {
                if (type.isObject() && type.path("type").asText().equals("enum")) {
                    ArrayNode symbols = (ArrayNode) type.get("symbols");
                    if (random.nextBoolean() || symbols.size() < 2) {
                        symbols.add("S" + (symbols.size() + 5));
                    } else {
                        symbols.remove(symbols.size() - 1);
                    }
                } else if (type.isArray()) {
                    ArrayNode union = (ArrayNode) type;
                    if (union.size() > 2 && random.nextBoolean()) {
                        union.remove(union.size() - 1);
                    } else {
                        String extra = PRIMITIVES[random.nextInt(PRIMITIVES.length)];
                        if (!contains(union, extra)) {
                            union.add(extra);
                        }
                    }
                }
            }
            case 7 -> {
                if (type.isObject() && type.path("type").asText().equals("enum")) {
                    ObjectNode e = (ObjectNode) type;
                    if (e.has("default")) {
                        e.remove("default");
                    } else {
                        e.put("default", e.get("symbols").get(0).asText());
                    }
                } else if (type.isObject() && type.path("type").asText().equals("fixed")) {
                    ((ObjectNode) type).put("size", type.get("size").asInt() + 4);
                }
            }
            case 8 -> {
                String old = record.get("name").asText();
                String oldFull = record.path("namespace").asText("").isEmpty()
                        ? old
                        : record.get("namespace").asText() + "." + old;
                record.put("name", old + "V");
                if (random.nextBoolean()) {
                    record.putArray("aliases").add(oldFull);
                }
            }
            case 9 -> record.put("namespace", random.nextBoolean() ? "shop.v" + names++ : "shop");
            case 10 -> {
                if (type.isTextual()
                        && (type.asText().equals("long") || type.asText().equals("int"))) {
                    field.set(
                            "type",
                            JSON.objectNode()
                                    .put("type", type.asText())
                                    .put("logicalType", type.asText().equals("int") ? "date" : "timestamp-millis"));
                    field.remove("default");
                }
            }
            default -> fields.add(field("f" + names++, 1));
        }
    }

    private void promote(ObjectNode field, JsonNode type) {
        if (!type.isTextual()) {
            return;
        }
        String next = switch (type.asText()) {
            case "int" -> "long";
            case "long" -> "float";
            case "float" -> "double";
            case "string" -> "bytes";
            case "bytes" -> "string";
            default -> type.asText();
        };
        field.put("type", next);
        field.remove("default");
    }

    /** Parses a generated schema (defaults are valid by construction, but Avro need not check). */
    public static Schema parse(JsonNode schema) {
        return new Schema.Parser().setValidateDefaults(false).parse(schema.toString());
    }
}
