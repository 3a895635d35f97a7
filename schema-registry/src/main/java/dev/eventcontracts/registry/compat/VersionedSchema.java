package dev.eventcontracts.registry.compat;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A previous schema version as a registry numbers it.
 *
 * @param version the registry's version number, positive
 * @param schema the schema registered under that version
 */
public record VersionedSchema(int version, Schema schema) {

    /** Validates the version number and the schema. */
    public VersionedSchema {
        if (version < 1) {
            throw new IllegalArgumentException("Schema version must be 1 or more, was '" + version + "'.");
        }
        Objects.requireNonNull(schema, "schema");
    }
}
