package dev.eventcontracts.registry.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree that remembers the line and column of every value, by JSON pointer, so that schema
 * errors found after parsing can still say where they are. Duplicate keys are rejected.
 */
final class LocatedJson {

    record Location(int line, int column) {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final JsonNode root;
    private final Map<String, Location> locations;

    private LocatedJson(JsonNode root, Map<String, Location> locations) {
        this.root = root;
        this.locations = locations;
    }

    JsonNode root() {
        return root;
    }

    /** The location of the value at {@code pointer}, or of its nearest located ancestor. */
    Location at(String pointer) {
        String p = pointer;
        while (true) {
            Location found = locations.get(p);
            if (found != null || p.isEmpty()) {
                return found == null ? new Location(0, 0) : found;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    static String child(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    static LocatedJson parse(String text, Path file) {
        Map<String, Location> locations = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new SchemaLoadException(
                        file, 0, 0, "The file is empty. Expected an Avro schema: a JSON object, array or string.");
            }
            JsonNode root = read(parser, "", locations);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new SchemaLoadException(
                        file,
                        at.getLineNr(),
                        at.getColumnNr(),
                        "Unexpected content after the schema ('" + parser.getText()
                                + "'). A schema file holds exactly one JSON value; remove the rest or split it into files.");
            }
            return new LocatedJson(root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SchemaLoadException(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "Not valid JSON: " + e.getOriginalMessage() + ". Fix the JSON syntax at this position.",
                    e);
        } catch (IOException e) {
            throw new SchemaLoadException(file, 0, 0, "Cannot read the schema: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser parser, String pointer, Map<String, Location> locations)
            throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        locations.put(pointer, new Location(at.getLineNr(), at.getColumnNr()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser, child(pointer, name), locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, pointer + "/" + index++, locations));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }
}
