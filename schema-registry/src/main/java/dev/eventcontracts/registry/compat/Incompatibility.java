package dev.eventcontracts.registry.compat;

import java.util.Objects;

/**
 * One reason why a new schema is not compatible with a previous version.
 *
 * @param kind what kind of break this is
 * @param jsonPointer where it is, as an RFC 6901 JSON pointer into the reading schema (the new
 *     schema for {@link Direction#NEW_READS_OLD}, the previous version for {@link
 *     Direction#OLD_READS_NEW}); array indices after a union are union branch indices
 * @param path the same place for people: the top-level type's name and field names, e.g. {@code
 *     OrderPlaced.customer.email}; {@code []} marks array items and {@code {}} map values
 * @param version the previous version the new schema breaks against; 0 for a schema error of the
 *     new schema itself ({@link IncompatibilityKind#INVALID_DEFAULT})
 * @param direction which side reads and which side wrote
 * @param message what is wrong, in terms of the new schema and the previous version
 * @param fix a concrete change to the new schema that removes the break
 */
public record Incompatibility(
        IncompatibilityKind kind,
        String jsonPointer,
        String path,
        int version,
        Direction direction,
        String message,
        String fix) {

    /** Checks that every field is present. */
    public Incompatibility {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jsonPointer, "jsonPointer");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
