package dev.eventcontracts.registry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Loads Avro schemas the way real projects keep them: a directory or list of {@code .avsc} files
 * whose named types refer to each other across files, and Avro IDL ({@code .avdl}) files.
 *
 * <p>{@code .avsc} files are parsed in dependency order (a file after the files defining the names
 * it uses), whatever their names. Unknown names, names defined twice, cycles between files, invalid
 * JSON, structural mistakes and defaults that do not match their type are reported as a {@link
 * SchemaLoadException} with the file, line and column. {@code .avdl} files are read with Avro's
 * {@code IdlReader} and resolve their own imports. Instances hold no state and may be shared.
 */
public final class SchemaLoader {

    /** Loads every {@code .avsc} and {@code .avdl} file under {@code directory}, recursively. */
    public SchemaSet loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SchemaLoadException(
                    directory, 0, 0, "Not a directory. Point to the folder holding the .avsc files.");
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return load(walk.filter(Files::isRegularFile)
                    .filter(SchemaLoader::isSchemaFile)
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new SchemaLoadException(directory, 0, 0, "Cannot list the directory: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SchemaLoadException(
                    directory,
                    0,
                    0,
                    "Cannot list the directory: " + e.getCause().getMessage(),
                    e);
        }
    }

    /** Loads the given {@code .avsc} and {@code .avdl} files together, in dependency order. */
    public SchemaSet load(List<Path> files) {
        List<Path> avsc = new ArrayList<>();
        List<Path> avdl = new ArrayList<>();
        for (Path file : new TreeSet<>(files)) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".avdl")) {
                avdl.add(file);
            } else {
                avsc.add(file);
            }
        }
        List<LoadedSchema> loaded = new ArrayList<>(loadAvsc(avsc));
        for (Path file : avdl) {
            loaded.addAll(IdlFiles.load(file));
        }
        return new SchemaSet(loaded);
    }

    /**
     * Loads one self-contained file: the top-level schema of a {@code .avsc} file, or the main
     * schema of a {@code .avdl} file ({@code schema Name;}, or its only named type).
     */
    public LoadedSchema loadFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".avdl")) {
            return IdlFiles.loadMain(file);
        }
        return loadAvsc(List.of(file)).get(0);
    }

    /**
     * Parses one schema from JSON text, e.g. a registry request body. Errors carry line and column
     * and a null file.
     */
    public LoadedSchema parse(String json) {
        return parse(json, List.of());
    }

    /**
     * Parses one schema from JSON text that may refer to named types defined elsewhere (e.g. a
     * registry artifact's references). {@code knownTypes} are schemas whose named types, nested ones
     * included, the text may use by name.
     */
    public LoadedSchema parse(String json, Collection<Schema> knownTypes) {
        AvscScan scan = AvscScan.scan(null, json);
        Map<String, Schema> known = new LinkedHashMap<>();
        for (Schema type : knownTypes) {
            NamedTypes.collect(type, known);
        }
        for (AvscScan.Reference reference : scan.references) {
            if (reference.candidates().stream()
                    .noneMatch(n -> scan.definitions.containsKey(n) || known.containsKey(n))) {
                throw unknownName(scan, reference, known.keySet());
            }
        }
        for (Map.Entry<String, String> definition : scan.definitions.entrySet()) {
            if (known.containsKey(definition.getKey())) {
                throw scan.error(
                        definition.getValue(),
                        "Duplicate name '" + definition.getKey()
                                + "': it is already defined by a referenced schema. Refer to it by name instead of defining it again.");
            }
        }
        Schema.Parser parser = newParser();
        parser.addTypes(known.values());
        Schema schema = parseWithAvro(parser, scan);
        checkDefaults(parser, scan);
        return LoadedSchema.of(schema, null);
    }

    private static boolean isSchemaFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".avsc") || name.endsWith(".avdl");
    }

    private List<LoadedSchema> loadAvsc(List<Path> files) {
        Map<Path, AvscScan> scans = new LinkedHashMap<>();
        Map<String, AvscScan> owners = new LinkedHashMap<>();
        for (Path file : files) {
            AvscScan scan = AvscScan.scan(file, read(file));
            scans.put(file, scan);
            for (Map.Entry<String, String> definition : scan.definitions.entrySet()) {
                AvscScan other = owners.putIfAbsent(definition.getKey(), scan);
                if (other != null) {
                    LocatedJson.Location first = other.json.at(other.definitions.get(definition.getKey()));
                    throw scan.error(
                            definition.getValue(),
                            "Duplicate name '" + definition.getKey() + "': also defined in " + other.file + ":"
                                    + first.line() + ":" + first.column()
                                    + ". Define each named type in one file and refer to it by name elsewhere.");
                }
            }
        }
        List<AvscScan> ordered = new FileOrder(scans.values(), owners).sorted();
        Schema.Parser parser = newParser();
        List<LoadedSchema> loaded = new ArrayList<>(ordered.size());
        for (AvscScan scan : ordered) {
            Schema schema = parseWithAvro(parser, scan);
            checkDefaults(parser, scan);
            loaded.add(LoadedSchema.of(schema, scan.file));
        }
        return loaded;
    }

    static SchemaLoadException unknownName(AvscScan scan, AvscScan.Reference reference, Collection<String> known) {
        String looked = String.join("' and '", reference.candidates());
        List<String> names = new ArrayList<>(AvscScan.PRIMITIVES);
        names.addAll(scan.definitions.keySet());
        names.addAll(known);
        String suggestion = NamedTypes.closest(reference.name(), names)
                .map(s -> "Did you mean '" + s + "'? ")
                .orElse("");
        return scan.error(
                reference.pointer(),
                "Unknown type '" + reference.name() + "' (looked for '" + looked + "'). " + suggestion
                        + "Define it (in this file or another .avsc file loaded with it), fix the spelling, or use a"
                        + " primitive type: " + String.join(", ", new TreeSet<>(AvscScan.PRIMITIVES)) + ".");
    }

    private static Schema.Parser newParser() {
        // Defaults are validated by checkDefaults, which knows where each default is.
        return new Schema.Parser().setValidateDefaults(false);
    }

    private static Schema parseWithAvro(Schema.Parser parser, AvscScan scan) {
        try {
            return parser.parse(scan.text);
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            int line = 0;
            int column = 0;
            if (e.getCause() instanceof JsonProcessingException json && json.getLocation() != null) {
                line = json.getLocation().getLineNr();
                column = json.getLocation().getColumnNr();
            }
            throw new SchemaLoadException(
                    scan.file,
                    line,
                    column,
                    "Not a valid Avro schema: " + e.getMessage() + ". Fix the schema as Avro's message says.",
                    e);
        }
    }

    private static void checkDefaults(Schema.Parser parser, AvscScan scan) {
        for (AvscScan.FieldDefault fieldDefault : scan.defaults) {
            Schema record = parser.getTypes().get(fieldDefault.recordFullName());
            Schema.Field field = record == null ? null : record.getField(fieldDefault.fieldName());
            if (field == null) {
                continue;
            }
            var value = scan.json.root().at(fieldDefault.pointer());
            if (!field.schema().isValidDefault(value)) {
                throw scan.error(
                        fieldDefault.pointer(),
                        "Invalid default for field '" + fieldDefault.fieldName() + "' of record '"
                                + fieldDefault.recordFullName()
                                + "': " + value + " is not a valid " + describe(field.schema())
                                + ". Change the default to a value of"
                                + " that type (for a union, of its first branch, e.g. \"default\": null for [\"null\", ...]), or remove it.");
            }
        }
    }

    private static String describe(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getType().getName() + " '" + schema.getFullName() + "'";
            default -> schema.toString();
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaLoadException(
                    file,
                    0,
                    0,
                    "Cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage()
                            + ". Check the path and permissions.",
                    e);
        }
    }
}
