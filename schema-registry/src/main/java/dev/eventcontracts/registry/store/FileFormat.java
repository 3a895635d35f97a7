package dev.eventcontracts.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON of the file store's metadata files ({@code registry.json}, {@code artifact.json}) and
 * the encoding of ids into file names. Every read error names the file and the field.
 */
final class FileFormat {

    /** The layout version written to every metadata file; readers refuse newer ones. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** The global part of the state as stored in {@code registry.json}. */
    record Globals(long revision, long nextGlobalId, long nextContentId, SortedMap<RuleType, String> rules) {}

    private FileFormat() {}

    /** The longest name of an artifact or group directory: most file systems allow 255 bytes. */
    static final int MAX_DIRECTORY_NAME = 255;
    /**
     * The longest encoded version in a schema file name: {@code v<version>.avsc} and its temporary
     * sibling {@code .v<version>.avsc.<uuid>.tmp} must both fit in 255 bytes.
     */
    static final int MAX_VERSION_NAME = 208;

    private static final int HASHED_PREFIX = 100;

    /**
     * Encodes an id into a portable file name of at most {@code maxLength} characters: the {@link
     * #fileName(String)} encoding when it fits; otherwise its first 100 characters, {@code ~} and 40
     * hex digits of the SHA-256 of the id (the id itself is kept in {@code artifact.json}). See
     * docs/registry.md, "File-store layout".
     */
    static String fileName(String id, int maxLength) {
        String encoded = fileName(id);
        if (encoded.length() <= maxLength) {
            return encoded;
        }
        int cut = HASHED_PREFIX;
        int percent = encoded.lastIndexOf('%', cut - 1);
        if (percent >= 0 && percent > cut - 3) {
            cut = percent; // do not split a %XX escape
        }
        return encoded.substring(0, cut) + "~" + SchemaText.sha256(id).substring(0, 40);
    }

    /** Encodes an id into a portable file name: letters, digits, {@code . _ -} kept, the rest as %XX. */
    static String fileName(String id) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z')
                    || (b >= 'A' && b <= 'Z')
                    || (b >= '0' && b <= '9')
                    || b == '_'
                    || b == '-'
                    || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    static byte[] writeGlobals(Globals globals) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("revision", globals.revision());
        root.put("nextGlobalId", globals.nextGlobalId());
        root.put("nextContentId", globals.nextContentId());
        ObjectNode rules = root.putObject("globalRules");
        globals.rules().forEach((type, config) -> rules.put(type.name(), config));
        return render(root);
    }

    static Globals readGlobals(Path file, byte[] bytes) {
        JsonNode root = parse(file, bytes);
        checkFormat(file, root);
        return new Globals(
                longField(file, root, "revision"),
                longField(file, root, "nextGlobalId"),
                longField(file, root, "nextContentId"),
                rules(file, root.get("globalRules"), "globalRules"));
    }

    static byte[] writeArtifact(ArtifactRecord artifact, Map<String, String> versionFiles) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("groupId", artifact.groupId());
        root.put("artifactId", artifact.artifactId());
        root.put("type", artifact.type());
        root.put("createdOn", artifact.createdOn().toString());
        root.put("modifiedOn", artifact.modifiedOn().toString());
        ObjectNode rules = root.putObject("rules");
        artifact.rules().forEach((type, config) -> rules.put(type.name(), config));
        ArrayNode labels = root.putArray("labels");
        artifact.labels().forEach(labels::add);
        ObjectNode properties = root.putObject("properties");
        new TreeMap<>(artifact.properties()).forEach(properties::put);
        ArrayNode versions = root.putArray("versions");
        for (VersionRecord version : artifact.versions()) {
            ObjectNode node = versions.addObject();
            node.put("version", version.version());
            node.put("file", versionFiles.get(version.version()));
            node.put("globalId", version.globalId());
            node.put("contentId", version.contentId());
            node.put("contentHash", version.contentHash());
            node.put("state", version.state().name());
            node.put("createdOn", version.createdOn().toString());
            node.put("name", version.name());
            node.put("description", version.description());
        }
        return render(root);
    }

    /** An artifact as read, with the file name of each version's schema, in version order. */
    record StoredArtifact(ArtifactRecord artifact, List<String> files) {}

    static StoredArtifact readArtifact(Path file, byte[] bytes) {
        JsonNode root = parse(file, bytes);
        checkFormat(file, root);
        List<VersionRecord> versions = new ArrayList<>();
        List<String> files = new ArrayList<>();
        JsonNode array = root.get("versions");
        if (array == null || !array.isArray()) {
            throw corrupt(file, "field 'versions' must be an array");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = "versions[" + i + "].";
            String state = textField(file, node, "state", where);
            VersionState parsedState;
            try {
                parsedState = VersionState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw corrupt(
                        file, "field '" + where + "state' is '" + state + "'; use ENABLED, DISABLED or DEPRECATED");
            }
            versions.add(new VersionRecord(
                    textField(file, node, "version", where),
                    longField(file, node, "globalId", where),
                    longField(file, node, "contentId", where),
                    textField(file, node, "contentHash", where),
                    parsedState,
                    instant(file, node, "createdOn", where),
                    optionalText(node, "name"),
                    optionalText(node, "description")));
            files.add(textField(file, node, "file", where));
        }
        List<String> labels = new ArrayList<>();
        JsonNode labelNode = root.get("labels");
        if (labelNode != null && labelNode.isArray()) {
            labelNode.forEach(label -> labels.add(label.asText()));
        }
        Map<String, String> properties = new TreeMap<>();
        JsonNode propertyNode = root.get("properties");
        if (propertyNode != null && propertyNode.isObject()) {
            propertyNode
                    .properties()
                    .forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
        }
        ArtifactRecord artifact = new ArtifactRecord(
                textField(file, root, "groupId", ""),
                textField(file, root, "artifactId", ""),
                textField(file, root, "type", ""),
                instant(file, root, "createdOn", ""),
                instant(file, root, "modifiedOn", ""),
                rules(file, root.get("rules"), "rules"),
                labels,
                properties,
                versions);
        return new StoredArtifact(artifact, files);
    }

    static RegistryException corrupt(Path file, String problem) {
        return new RegistryException(
                RegistryException.Kind.STORAGE,
                "Registry file '" + file + "' is not valid: " + problem
                        + ". Restore it from version control (git checkout -- '" + file
                        + "') or correct it by hand; the layout is described in docs/registry.md.");
    }

    private static byte[] render(ObjectNode root) {
        try {
            return (PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render registry metadata", e);
        }
    }

    private static JsonNode parse(Path file, byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw corrupt(file, "it must hold one JSON object");
            }
            return root;
        } catch (java.io.IOException e) {
            throw corrupt(
                    file,
                    "it is not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void checkFormat(Path file, JsonNode root) {
        long version = longField(file, root, "formatVersion");
        if (version > FORMAT_VERSION) {
            throw new RegistryException(
                    RegistryException.Kind.STORAGE,
                    "Registry file '" + file + "' has formatVersion " + version + ", but this event-contracts reads "
                            + "formatVersion " + FORMAT_VERSION + " at most. Upgrade event-contracts.");
        }
        if (version < 1) {
            throw corrupt(file, "field 'formatVersion' is " + version + "; it must be 1");
        }
    }

    private static SortedMap<RuleType, String> rules(Path file, JsonNode node, String field) {
        SortedMap<RuleType, String> rules = new TreeMap<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        if (!node.isObject()) {
            throw corrupt(file, "field '" + field + "' must be an object such as {\"COMPATIBILITY\": \"BACKWARD\"}");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            try {
                RuleType type = RuleType.parse(entry.getKey());
                rules.put(type, type.normalizeConfig(entry.getValue().asText()));
            } catch (RegistryException e) {
                throw corrupt(file, "field '" + field + "." + entry.getKey() + "': " + e.getMessage());
            }
        }
        return rules;
    }

    private static long longField(Path file, JsonNode node, String field) {
        return longField(file, node, field, "");
    }

    private static long longField(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw corrupt(file, "field '" + where + field + "' must be a whole number, but is " + value);
        }
        return value.asLong();
    }

    private static String textField(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw corrupt(file, "field '" + where + field + "' must be a non-empty string, but is " + value);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(Path file, JsonNode node, String field, String where) {
        String text = textField(file, node, field, where);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(
                    file,
                    "field '" + where + field + "' is '" + text
                            + "'; use an ISO-8601 instant such as 2024-05-01T12:00:00Z");
        }
    }
}
