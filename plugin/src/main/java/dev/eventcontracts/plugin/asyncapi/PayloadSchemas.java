package dev.eventcontracts.plugin.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.registry.schema.LoadedSchema;
import dev.eventcontracts.registry.schema.SchemaLoadException;
import dev.eventcontracts.registry.schema.SchemaLoader;
import dev.eventcontracts.registry.schema.SchemaSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the Avro schema of each payload: the current {@code .avsc}/{@code .avdl} files of the
 * schema directories are loaded together (so a record that uses a named type of another file
 * comes out whole), and a payload class without a schema file gives its {@code SCHEMA$} when the
 * compiled class is on the class loader. Older writer versions ({@code <name>.v<N>.avsc}) are
 * left out: the document shows what consumers read today.
 */
final class PayloadSchemas {

    private static final Pattern VERSIONED = Pattern.compile(".*[.-]v\\d+\\.avsc$");

    private final ObjectMapper json = new ObjectMapper();
    private final SchemaSet loaded;
    private final String loadProblem;
    private final ClassLoader classes;

    private PayloadSchemas(SchemaSet loaded, String loadProblem, ClassLoader classes) {
        this.loaded = loaded;
        this.loadProblem = loadProblem;
        this.classes = classes;
    }

    /** Loads the current schemas of {@code directories}; {@code classes} may be null. */
    static PayloadSchemas load(List<Path> directories, ClassLoader classes) {
        List<Path> files = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> {
                            String name = f.getFileName().toString();
                            return name.endsWith(".avdl")
                                    || (name.endsWith(".avsc")
                                            && !VERSIONED.matcher(name).matches());
                        })
                        .forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                return new PayloadSchemas(
                        new SchemaSet(List.of()), "cannot list " + dir + ": " + e.getMessage(), classes);
            }
        }
        try {
            return new PayloadSchemas(new SchemaLoader().load(files), null, classes);
        } catch (SchemaLoadException e) {
            return new PayloadSchemas(new SchemaSet(List.of()), e.getMessage(), classes);
        }
    }

    /** The payload schema of {@code consumer}. */
    PayloadSchema of(ConsumerModel consumer) {
        ConsumerModel.SchemaSource source = consumer.schema();
        Optional<LoadedSchema> found = loaded.find(source.fullName());
        if (found.isPresent()) {
            return new PayloadSchema(
                    source.fullName(), parse(found.get().schema().toString()), origin(found.get()));
        }
        if (source.avscFile() != null && Files.isRegularFile(source.avscFile())) {
            try {
                return new PayloadSchema(
                        source.fullName(),
                        json.readTree(source.avscFile().toFile()),
                        source.avscFile().toString() + " (as written: "
                                + (loadProblem == null ? "not loadable" : loadProblem) + ")");
            } catch (IOException e) {
                // fall through to the class
            }
        }
        if (classes != null) {
            try {
                Object schema = Class.forName(source.fullName(), false, classes)
                        .getField("SCHEMA$")
                        .get(null);
                return new PayloadSchema(
                        source.fullName(), parse(schema.toString()), "SCHEMA$ of " + source.fullName());
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not compiled yet, or not a generated Avro class
            }
        }
        return new PayloadSchema(
                source.fullName(),
                null,
                "no .avsc file for '" + source.fullName() + "' in the schema directories and no compiled class with"
                        + " SCHEMA$ on the class path");
    }

    private static String origin(LoadedSchema schema) {
        return schema.source() == null ? "schema directories" : schema.source().toString();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Avro wrote a schema that is not JSON: " + text, e);
        }
    }
}
