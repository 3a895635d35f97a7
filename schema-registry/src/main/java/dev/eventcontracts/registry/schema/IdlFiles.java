package dev.eventcontracts.registry.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.idl.IdlFile;
import org.apache.avro.idl.IdlReader;

/** Reads Avro IDL ({@code .avdl}) files with Avro's {@code IdlReader}. */
final class IdlFiles {

    private static final Pattern LINE_COLUMN = Pattern.compile("line (\\d+):(\\d+)");

    private IdlFiles() {}

    /** The main schema if the file declares one, otherwise every named type it defines. */
    static List<LoadedSchema> load(Path file) {
        try {
            return loadAll(file);
        } catch (AvroRuntimeException | IllegalStateException | IllegalArgumentException e) {
            throw failure(file, e);
        }
    }

    private static List<LoadedSchema> loadAll(Path file) {
        IdlFile idl = read(file);
        if (idl.getMainSchema() != null) {
            return List.of(LoadedSchema.of(idl.getMainSchema(), file));
        }
        Collection<Schema> types = idl.getProtocol() != null
                ? idl.getProtocol().getTypes()
                : idl.getNamedSchemas().values();
        List<LoadedSchema> out = new ArrayList<>(types.size());
        for (Schema type : types) {
            out.add(LoadedSchema.of(type, file));
        }
        return out;
    }

    /** The one schema the file stands for: its main schema, or its only named type. */
    static LoadedSchema loadMain(Path file) {
        try {
            return main(file);
        } catch (AvroRuntimeException | IllegalStateException | IllegalArgumentException e) {
            throw failure(file, e);
        }
    }

    private static LoadedSchema main(Path file) {
        IdlFile idl = read(file);
        if (idl.getMainSchema() != null) {
            return LoadedSchema.of(idl.getMainSchema(), file);
        }
        Collection<Schema> types = idl.getProtocol() != null
                ? idl.getProtocol().getTypes()
                : idl.getNamedSchemas().values();
        if (types.size() == 1) {
            return LoadedSchema.of(types.iterator().next(), file);
        }
        throw new SchemaLoadException(
                file,
                0,
                0,
                "The IDL file defines " + types.size()
                        + " types and no main schema, so it is unclear which one to use. Declare it with 'schema <TypeName>;'.");
    }

    private static IdlFile read(Path file) {
        try {
            return new IdlReader().parse(file);
        } catch (IOException e) {
            throw new SchemaLoadException(
                    file, 0, 0, "Cannot read the IDL file: " + e.getMessage() + ". Check the path.", e);
        }
    }

    private static SchemaLoadException failure(Path file, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Matcher at = LINE_COLUMN.matcher(message);
        int line = 0;
        int column = 0;
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2)) + 1; // ANTLR columns start at 0
        }
        return new SchemaLoadException(
                file, line, column, "Not a valid Avro IDL file: " + message + ". Fix the IDL as the message says.", e);
    }
}
