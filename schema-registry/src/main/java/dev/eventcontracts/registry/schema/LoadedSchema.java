package dev.eventcontracts.registry.schema;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema loaded from a file, with the file it came from and its fingerprint.
 *
 * @param schema the parsed schema, with named types of other files resolved
 * @param source the file it was defined in (null when parsed from text)
 * @param fingerprint its canonical form and fingerprints
 */
public record LoadedSchema(Schema schema, Path source, SchemaFingerprint fingerprint) {

    /** Checks the schema and fingerprint are present. */
    public LoadedSchema {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** A loaded schema with its fingerprint computed. */
    public static LoadedSchema of(Schema schema, Path source) {
        return new LoadedSchema(schema, source, SchemaFingerprint.of(schema));
    }

    /** The full name of a named schema, otherwise the type name ({@code array}, {@code union}, ...). */
    public String fullName() {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }
}
