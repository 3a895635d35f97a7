package dev.eventcontracts.registry.schema;

import java.util.List;
import java.util.Optional;

/**
 * Schemas loaded together, in dependency order: a schema comes after every schema whose named
 * types it uses.
 *
 * @param schemas the top-level schema of each {@code .avsc} file and the schemas of each {@code
 *     .avdl} file, in dependency order
 */
public record SchemaSet(List<LoadedSchema> schemas) {

    /** Copies the list. */
    public SchemaSet {
        schemas = List.copyOf(schemas);
    }

    /** The loaded schema with this full name (e.g. {@code shop.OrderPlaced}), if any. */
    public Optional<LoadedSchema> find(String fullName) {
        return schemas.stream().filter(s -> s.fullName().equals(fullName)).findFirst();
    }

    /** How many schemas were loaded. */
    public int size() {
        return schemas.size();
    }
}
