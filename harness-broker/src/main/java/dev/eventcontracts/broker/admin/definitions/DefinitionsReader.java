package dev.eventcontracts.broker.admin.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.core.policies.ApplyTo;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.broker.core.policies.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads RabbitMQ definitions JSON and checks every value before anything is applied: the
 * document shape, field types, that every object is in vhost {@code /}, password hashing,
 * policies (RabbitMQ's own validation). Errors name the source, the JSON path and the fix.
 */
public final class DefinitionsReader {
    private static final Set<String> TOP_LEVEL = Set.of(
            "rabbit_version",
            "rabbitmq_version",
            "product_name",
            "product_version",
            "users",
            "vhosts",
            "permissions",
            "topic_permissions",
            "parameters",
            "global_parameters",
            "policies",
            "queues",
            "exchanges",
            "bindings");

    private final String source;

    private DefinitionsReader(String source) {
        this.source = source;
    }

    /**
     * Reads a definitions file.
     *
     * @throws DefinitionsException naming the file, the JSON path and the fix
     */
    public static Definitions read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DefinitionsException(
                    file.toString(), "", "no such file; export one with 'rabbitmqctl export_definitions FILE'");
        } catch (IOException e) {
            throw new DefinitionsException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
        return read(bytes, file.toString());
    }

    /**
     * Reads definitions from {@code json}; {@code source} names where they came from in errors.
     *
     * @throws DefinitionsException naming the source, the JSON path and the fix
     */
    public static Definitions read(byte[] json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new DefinitionsException(
                    source,
                    "",
                    "is not JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage()
                            + "; use the output of 'rabbitmqctl export_definitions' or GET /api/definitions");
        } catch (IOException e) {
            throw new DefinitionsException(source, "", "cannot be read: " + e.getMessage());
        }
        return new DefinitionsReader(source).document(root);
    }

    /**
     * Reads the body of the management API's {@code PUT /api/policies/{vhost}/{name}}: {@code
     * {"pattern":"^dlx\\.","definition":{...},"priority":0,"apply-to":"queues"}}.
     *
     * @throws DefinitionsException naming the source, the JSON path and the fix
     */
    public static Policy readPolicy(String name, byte[] json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new DefinitionsException(
                    source,
                    "",
                    "is not JSON: " + e.getMessage().lines().findFirst().orElse("")
                            + "; send e.g. {\"pattern\":\"^orders\\\\.\",\"definition\":{\"max-length\":1000},"
                            + "\"priority\":0,\"apply-to\":\"queues\"}");
        }
        if (root == null || !root.isObject()) {
            throw new DefinitionsException(
                    source, "", "must be a JSON object with pattern and definition, got " + kind(root));
        }
        Set<String> allowed = Set.of("pattern", "definition", "priority", "apply-to", "vhost", "name");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new DefinitionsException(
                        source, key, "unknown field; a policy has pattern, definition, priority and apply-to");
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy =
                ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy();
        copy.remove("vhost");
        copy.put("name", name);
        return new DefinitionsReader(source).policyAt(copy, "");
    }

    private Definitions document(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw fail("", "must be a JSON object like {\"queues\":[...],\"exchanges\":[...]}, got " + kind(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw fail(key, "unknown key; RabbitMQ definitions have " + new java.util.TreeSet<>(TOP_LEVEL));
            }
        }
        list(root, "vhosts", (n, p) -> {
            String name = text(n, p, "name", null);
            requireRootVhost(name, p + ".name");
            return name;
        });
        List<Accounts.User> users = list(root, "users", this::user);
        List<Accounts.Permission> permissions = list(root, "permissions", (n, p) -> {
            vhost(n, p);
            return new Accounts.Permission(
                    text(n, p, "user", null),
                    text(n, p, "configure", null),
                    text(n, p, "write", null),
                    text(n, p, "read", null));
        });
        List<Policy> policies = list(root, "policies", this::policy);
        List<Definitions.ExchangeDef> exchanges = list(root, "exchanges", (n, p) -> {
            vhost(n, p);
            return new Definitions.ExchangeDef(
                    text(n, p, "name", null),
                    text(n, p, "type", null),
                    bool(n, p, "durable", true),
                    bool(n, p, "auto_delete", false),
                    bool(n, p, "internal", false),
                    arguments(n, p));
        });
        List<Definitions.QueueDef> queues = list(root, "queues", (n, p) -> {
            vhost(n, p);
            return new Definitions.QueueDef(
                    text(n, p, "name", null),
                    bool(n, p, "durable", true),
                    bool(n, p, "auto_delete", false),
                    arguments(n, p));
        });
        List<Definitions.BindingDef> bindings = list(root, "bindings", (n, p) -> {
            vhost(n, p);
            String type = text(n, p, "destination_type", null);
            if (!type.equals("queue") && !type.equals("exchange")) {
                throw fail(p + ".destination_type", "'" + type + "' is neither 'queue' nor 'exchange'");
            }
            return new Definitions.BindingDef(
                    text(n, p, "source", null),
                    text(n, p, "destination", null),
                    type,
                    text(n, p, "routing_key", ""),
                    arguments(n, p));
        });
        return new Definitions(users, permissions, policies, exchanges, queues, bindings);
    }

    private Accounts.User user(JsonNode n, String p) {
        String name = text(n, p, "name", null);
        String algorithm = text(n, p, "hashing_algorithm", "rabbit_password_hashing_sha256");
        String hash;
        if (n.has("password") && !n.has("password_hash")) {
            hash = dev.eventcontracts.broker.amqp.connection.PasswordHash.hash(text(n, p, "password", null));
        } else {
            if (!algorithm.equals("rabbit_password_hashing_sha256")) {
                throw fail(
                        p + ".hashing_algorithm",
                        "'" + algorithm + "' is not supported; the harness checks"
                                + " rabbit_password_hashing_sha256 hashes only: export from a RabbitMQ using it,"
                                + " or give \"password\" instead of \"password_hash\"");
            }
            hash = text(n, p, "password_hash", "");
            if (!hash.isEmpty() && !dev.eventcontracts.broker.amqp.connection.PasswordHash.isWellFormed(hash)) {
                throw fail(
                        p + ".password_hash",
                        "'" + hash + "' is not a rabbit_password_hashing_sha256 hash (base64 of a 4-byte salt and"
                                + " a SHA-256 digest, 48 characters); make one with 'java -jar"
                                + " event-contracts-harness-broker-standalone.jar --hash-password'");
            }
        }
        JsonNode tags = n.get("tags");
        List<String> tagList = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(t -> tagList.add(t.asText()));
        } else if (tags != null && tags.isTextual()) {
            for (String t : tags.asText().split(",")) {
                if (!t.isBlank()) {
                    tagList.add(t.trim());
                }
            }
        } else if (tags != null && !tags.isNull()) {
            throw fail(p + ".tags", "must be a list of strings or a comma-separated string, got " + kind(tags));
        }
        return new Accounts.User(name, hash, List.copyOf(tagList));
    }

    private Policy policy(JsonNode n, String p) {
        vhost(n, p);
        return policyAt(n, p);
    }

    private Policy policyAt(JsonNode n, String p) {
        String name = text(n, p, "name", null);
        JsonNode def = n.get("definition");
        if (def == null || !def.isObject()) {
            throw fail(join(p, "definition"), "must be a JSON object like {\"max-length\":1000}, got " + kind(def));
        }
        JsonNode priority = n.get("priority");
        if (priority != null && !priority.canConvertToInt()) {
            throw fail(join(p, "priority"), "must be an integer, got " + kind(priority));
        }
        try {
            return new Policy(
                    name,
                    text(n, p, "pattern", null),
                    ApplyTo.fromWireName(text(n, p, "apply-to", "all")),
                    priority == null ? 0 : priority.asInt(),
                    json(def, p + ".definition"));
        } catch (PolicyException e) {
            String field = e.field();
            String at = field.equals("pattern") || field.equals("apply-to") || field.equals("definition")
                    ? join(p, field)
                    : join(p, "definition." + field);
            throw fail(at, "Validation failed: " + e.getMessage());
        }
    }

    private void vhost(JsonNode n, String p) {
        requireRootVhost(text(n, p, "vhost", "/"), p + ".vhost");
    }

    private void requireRootVhost(String vhost, String p) {
        if (!vhost.equals("/")) {
            throw fail(
                    p,
                    "vhost '" + vhost + "' does not exist in the harness broker, which has only '/'; export the"
                            + " definitions of vhost '/' (rabbitmqctl export_definitions), or move these objects"
                            + " to '/'");
        }
    }

    private <T> List<T> list(JsonNode root, String key, BiFunction<JsonNode, String, T> each) {
        JsonNode array = root.get(key);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw fail(key, "must be a JSON array, got " + kind(array));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = key + "[" + i + "]";
            JsonNode n = array.get(i);
            if (!n.isObject()) {
                throw fail(p, "must be a JSON object, got " + kind(n));
            }
            out.add(each.apply(n, p));
        }
        return List.copyOf(out);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private String text(JsonNode n, String p, String field, String dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw fail(join(p, field), "is missing; add \"" + field + "\": \"...\"");
            }
            return dflt;
        }
        if (!v.isTextual()) {
            throw fail(join(p, field), "must be a string, got " + kind(v));
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String p, String field, boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw fail(p + "." + field, "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    private Map<String, Object> arguments(JsonNode n, String p) {
        JsonNode args = n.get("arguments");
        if (args == null || args.isNull()) {
            return Map.of();
        }
        if (!args.isObject()) {
            throw fail(p + ".arguments", "must be a JSON object, got " + kind(args));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        args.fields().forEachRemaining(e -> out.put(e.getKey(), amqp(e.getValue(), p + ".arguments." + e.getKey())));
        return out;
    }

    /** A JSON value as an AMQP field value (strings as LongString, integers as Long). */
    private Object amqp(JsonNode v, String p) {
        if (v.isTextual()) {
            return LongString.of(v.asText());
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw fail(p, "integer " + v + " does not fit a 64-bit AMQP long");
            }
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNull()) {
            throw fail(p, "is null; remove the argument or give it a value");
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(amqp(v.get(i), p + "[" + i + "]"));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), amqp(e.getValue(), p + "." + e.getKey())));
        return out;
    }

    /** A JSON object as plain Java values (strings, longs, doubles, booleans, lists, maps). */
    private Map<String, Object> json(JsonNode object, String p) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        return null;
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String type = n.isTextual()
                ? "a string"
                : n.isNumber()
                        ? "a number"
                        : n.isBoolean() ? "a boolean" : n.isArray() ? "an array" : n.isObject() ? "an object" : "null";
        return type + " " + n;
    }

    private DefinitionsException fail(String path, String problem) {
        return new DefinitionsException(source, path, problem);
    }
}
