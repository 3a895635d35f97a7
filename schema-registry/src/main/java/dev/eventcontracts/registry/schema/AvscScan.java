package dev.eventcontracts.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code .avsc} file read before Avro sees it: which named types it defines, which names it
 * references, where its defaults are, and the structural mistakes Avro would report without a
 * location (missing attributes, bad names, duplicate fields, values that are not schemas).
 */
final class AvscScan {

    static final Set<String> PRIMITIVES =
            Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A reference to a named type, with the full names it may mean, most specific first. */
    record Reference(String name, List<String> candidates, String pointer) {}

    /** A field default, to validate once Avro has parsed the field's type. */
    record FieldDefault(String recordFullName, String fieldName, String pointer) {}

    final Path file;
    final String text;
    final LocatedJson json;
    final Map<String, String> definitions = new LinkedHashMap<>();
    final List<Reference> references = new ArrayList<>();
    final List<FieldDefault> defaults = new ArrayList<>();

    private AvscScan(Path file, String text, LocatedJson json) {
        this.file = file;
        this.text = text;
        this.json = json;
    }

    static AvscScan scan(Path file, String text) {
        AvscScan scan = new AvscScan(file, text, LocatedJson.parse(text, file));
        scan.schema(scan.json.root(), "", "");
        return scan;
    }

    SchemaLoadException error(String pointer, String problem) {
        LocatedJson.Location at = json.at(pointer);
        return new SchemaLoadException(file, at.line(), at.column(), problem);
    }

    private void schema(JsonNode node, String pointer, String namespace) {
        if (node.isTextual()) {
            reference(node.asText(), pointer, namespace);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                schema(node.get(i), pointer + "/" + i, namespace);
            }
        } else if (node.isObject()) {
            object(node, pointer, namespace);
        } else {
            throw error(
                    pointer,
                    "Not a schema: " + node + ". A schema is a type name such as \"string\", an object such as"
                            + " {\"type\": \"record\", ...}, or an array of schemas (a union).");
        }
    }

    private void object(JsonNode node, String pointer, String namespace) {
        JsonNode type = node.get("type");
        if (type == null) {
            throw error(pointer, "The schema object has no \"type\". Add \"type\": \"record\" (or another type).");
        }
        if (!type.isTextual()) {
            schema(type, LocatedJson.child(pointer, "type"), namespace);
            return;
        }
        String keyword = type.asText();
        switch (keyword) {
            case "record", "error" -> record(node, pointer, namespace);
            case "enum" -> {
                define(node, pointer, namespace, "enum");
                requireArray(node, pointer, "symbols", "\"symbols\": [\"A\", \"B\"]");
            }
            case "fixed" -> {
                define(node, pointer, namespace, "fixed");
                JsonNode size = node.get("size");
                if (size == null || !size.canConvertToInt()) {
                    throw error(
                            size == null ? pointer : LocatedJson.child(pointer, "size"),
                            "The fixed type '" + node.path("name").asText()
                                    + "' needs an integer \"size\", e.g. \"size\": 16.");
                }
            }
            case "array" ->
                schema(
                        required(node, pointer, "items", "\"items\": \"string\""),
                        LocatedJson.child(pointer, "items"),
                        namespace);
            case "map" ->
                schema(
                        required(node, pointer, "values", "\"values\": \"string\""),
                        LocatedJson.child(pointer, "values"),
                        namespace);
            default -> {
                if (!PRIMITIVES.contains(keyword)) {
                    reference(keyword, LocatedJson.child(pointer, "type"), namespace);
                }
            }
        }
    }

    private void record(JsonNode node, String pointer, String namespace) {
        String fullName = define(node, pointer, namespace, "record");
        String inner = fullName.contains(".") ? fullName.substring(0, fullName.lastIndexOf('.')) : "";
        JsonNode fields = requireArray(node, pointer, "fields", "\"fields\": []");
        String fieldsPointer = LocatedJson.child(pointer, "fields");
        Map<String, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String fieldPointer = fieldsPointer + "/" + i;
            if (!field.isObject()) {
                throw error(
                        fieldPointer,
                        "A field of record '" + fullName
                                + "' must be an object like {\"name\": \"f\", \"type\": \"string\"}, found " + field
                                + ".");
            }
            JsonNode name = field.get("name");
            if (name == null || !name.isTextual()) {
                throw error(
                        fieldPointer,
                        "Field " + i + " of record '" + fullName + "' has no \"name\". Add \"name\": \"<fieldName>\".");
            }
            String fieldName = name.asText();
            checkName(fieldName, LocatedJson.child(fieldPointer, "name"), "field");
            String earlier = seen.putIfAbsent(fieldName, fieldPointer);
            if (earlier != null) {
                LocatedJson.Location first = json.at(earlier);
                throw error(
                        fieldPointer,
                        "Duplicate field '" + fieldName + "' in record '" + fullName + "' (first declared at line "
                                + first.line() + "). Rename or remove one of them.");
            }
            JsonNode fieldType = field.get("type");
            if (fieldType == null) {
                throw error(
                        fieldPointer,
                        "Field '" + fieldName + "' of record '" + fullName
                                + "' has no \"type\". Add e.g. \"type\": \"string\".");
            }
            schema(fieldType, LocatedJson.child(fieldPointer, "type"), inner);
            if (field.has("default")) {
                defaults.add(new FieldDefault(fullName, fieldName, LocatedJson.child(fieldPointer, "default")));
            }
        }
    }

    private String define(JsonNode node, String pointer, String namespace, String kind) {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw error(pointer, "The " + kind + " has no \"name\". Add \"name\": \"<TypeName>\".");
        }
        String simple = name.asText();
        String fullName;
        if (simple.contains(".")) {
            fullName = simple;
        } else {
            JsonNode ns = node.get("namespace");
            String space = ns != null && ns.isTextual() ? ns.asText() : namespace;
            fullName = space.isEmpty() ? simple : space + "." + simple;
        }
        String namePointer = LocatedJson.child(pointer, "name");
        for (String part : fullName.split("\\.", -1)) {
            checkName(
                    part,
                    namePointer,
                    fullName.equals(part) ? kind + " name" : kind + " name '" + fullName + "': part");
        }
        if (PRIMITIVES.contains(fullName)) {
            throw error(
                    namePointer,
                    "The " + kind + " is named '" + fullName + "', which is a primitive type. Choose another name.");
        }
        String earlier = definitions.putIfAbsent(fullName, pointer);
        if (earlier != null) {
            LocatedJson.Location first = json.at(earlier);
            throw error(
                    pointer,
                    "Duplicate name '" + fullName + "': already defined at line " + first.line() + ", column "
                            + first.column() + ". Define each named type once and refer to it by name (\"type\": \""
                            + fullName + "\").");
        }
        return fullName;
    }

    private void checkName(String name, String pointer, String what) {
        if (!NAME.matcher(name).matches()) {
            throw error(
                    pointer,
                    "Invalid " + what + " '" + name
                            + "'. Avro names start with a letter or '_' and contain only letters, digits and '_'.");
        }
    }

    private void reference(String name, String pointer, String namespace) {
        if (PRIMITIVES.contains(name)) {
            return;
        }
        List<String> candidates = new ArrayList<>(2);
        if (!name.contains(".") && !namespace.isEmpty()) {
            candidates.add(namespace + "." + name);
        }
        candidates.add(name);
        references.add(new Reference(name, candidates, pointer));
    }

    private JsonNode required(JsonNode node, String pointer, String attribute, String example) {
        JsonNode value = node.get(attribute);
        if (value == null) {
            throw error(
                    pointer,
                    "The " + node.path("type").asText() + " schema has no \"" + attribute + "\". Add e.g. " + example
                            + ".");
        }
        return value;
    }

    private JsonNode requireArray(JsonNode node, String pointer, String attribute, String example) {
        JsonNode value = required(node, pointer, attribute, example);
        if (!value.isArray()) {
            throw error(
                    LocatedJson.child(pointer, attribute),
                    "\"" + attribute + "\" of '" + node.path("name").asText() + "' must be an array, found " + value
                            + ". Write e.g. " + example + ".");
        }
        return value;
    }

    /** Names this file defines, for quick lookups. */
    Set<String> definedNames() {
        return new HashSet<>(definitions.keySet());
    }
}
